package io.github.pixversecamunda.download;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides, before any connection, whether a URL may be fetched: http(s) only, and no host that
 * resolves to loopback, private, link-local, multicast or unspecified addresses unless allowed.
 * A process variable must not be able to make the worker read internal services.
 */
final class AddressGuard {

  private final boolean allowLoopback;
  private final boolean allowPrivate;

  AddressGuard(boolean allowLoopback, boolean allowPrivate) {
    this.allowLoopback = allowLoopback;
    this.allowPrivate = allowPrivate;
  }

  void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new DownloadException(DownloadException.Kind.REFUSED,
          "Refused to download '" + uri + "': only http and https URLs are allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new DownloadException(DownloadException.Kind.REFUSED, "Refused to download '" + uri + "': no host");
    }
    if (uri.getUserInfo() != null) {
      throw new DownloadException(DownloadException.Kind.REFUSED,
          "Refused to download from " + host + ": URLs with credentials are not allowed");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new DownloadException(DownloadException.Kind.TRANSIENT, "Cannot resolve host " + host, e);
    }
    for (InetAddress address : addresses) {
      String why = forbidden(address);
      if (why != null) {
        throw new DownloadException(DownloadException.Kind.REFUSED, "Refused to download from " + host + ": it resolves to "
            + why + " address " + address.getHostAddress() + ", which the download worker does not reach"
            + " (pixverse.download.allow-loopback / allow-private-networks)");
      }
    }
  }

  private String forbidden(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return allowLoopback ? null : "a loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified";
    }
    if (address.isMulticastAddress()) {
      return "a multicast";
    }
    if (address.isLinkLocalAddress()) {
      return allowPrivate ? null : "a link-local";
    }
    boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    boolean sharedSpace = address.getAddress().length == 4 && (address.getAddress()[0] & 0xff) == 100
        && (address.getAddress()[1] & 0xc0) == 64;
    if (address.isSiteLocalAddress() || uniqueLocal || sharedSpace) {
      return allowPrivate ? null : "a private";
    }
    return null;
  }
}

package io.github.pixversecamunda.download;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.core5.http.Header;

/**
 * Follows redirects by hand, each hop's URL checked by the guard (and its addresses when it is
 * connected to), and turns the file host's final status into the download's outcome.
 */
final class Redirects {

  private final AddressGuard guard;
  private final SourceClient client;
  private final int maxRedirects;

  Redirects(AddressGuard guard, SourceClient client, int maxRedirects) {
    this.guard = guard;
    this.client = client;
    this.maxRedirects = maxRedirects;
  }

  /** The exchange whose answer is a success; anything else is a DownloadException. */
  SourceExchange open(URI first) {
    URI uri = first;
    for (int hop = 0; ; hop++) {
      guard.checkUrl(uri);
      SourceExchange exchange = client.send(uri);
      int status = exchange.response().getCode();
      Header location = exchange.response().getFirstHeader("Location");
      if (status >= 300 && status < 400 && location != null) {
        exchange.abandon();
        if (hop >= maxRedirects) {
          throw new DownloadException(
              DownloadException.Kind.REFUSED,
              "Refused " + first + ": more than " + maxRedirects + " redirects");
        }
        uri = target(uri, location.getValue());
        continue;
      }
      if (status >= 200 && status < 300) {
        return exchange;
      }
      exchange.abandon();
      if (status == 403 || status == 404 || status == 410) {
        throw new DownloadException(
            DownloadException.Kind.EXPIRED,
            "The video at "
                + uri
                + " is no longer available (HTTP "
                + status
                + "): the result URL has probably expired");
      }
      if (status == 429 || status == 408 || status >= 500) {
        throw new DownloadException(
            DownloadException.Kind.TRANSIENT,
            "The file host answered HTTP " + status + " for " + uri);
      }
      throw new DownloadException(
          DownloadException.Kind.REFUSED, "The file host answered HTTP " + status + " for " + uri);
    }
  }

  private static URI target(URI from, String location) {
    try {
      return from.resolve(new URI(location.trim()));
    } catch (URISyntaxException e) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused the redirect from " + from + " to '" + location + "': not a URL",
          e);
    }
  }
}

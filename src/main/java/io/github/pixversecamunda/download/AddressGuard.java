package io.github.pixversecamunda.download;

import static io.github.pixversecamunda.download.AddressGuard.Category.CARRIES_IPV4;
import static io.github.pixversecamunda.download.AddressGuard.Category.CLOUD_METADATA;
import static io.github.pixversecamunda.download.AddressGuard.Category.LINK_LOCAL;
import static io.github.pixversecamunda.download.AddressGuard.Category.LOOPBACK;
import static io.github.pixversecamunda.download.AddressGuard.Category.PRIVATE;
import static io.github.pixversecamunda.download.AddressGuard.Category.SPECIAL_PURPOSE;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;

/**
 * Decides which URLs and addresses the download worker may reach, so that a process variable cannot
 * make it read internal services (SSRF).
 *
 * <p>Only globally reachable unicast addresses are allowed. The blocks refused are those of the
 * IANA IPv4 and IPv6 special-purpose address registries, multicast, the IPv6 space outside global
 * unicast 2000::/3, and the cloud metadata endpoints, kept below as one table. An address is judged
 * by the most specific block that contains it, so a metadata address inside an otherwise opened
 * private block stays closed. {@code allowLoopback} opens loopback only (a local simulator); {@code
 * allowPrivateNetworks} opens private-use, shared and unique-local space only. Link-local, metadata
 * and every other special block stay closed whatever the settings.
 *
 * <p>IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are refused as
 * such, and the refusal names the carried IPv4 address and what it is.
 *
 * <p>The guard is also the HTTP client's {@link DnsResolver}: it looks a host up once, judges every
 * answer and hands only judged addresses to the connection. Checking in one lookup and connecting
 * after another would let a DNS answer that changes in between (rebinding) reach an internal
 * address.
 */
final class AddressGuard implements DnsResolver {

  /** Where host names become addresses; a seam so tests can answer without DNS. */
  @FunctionalInterface
  interface HostLookup {
    InetAddress[] addressesOf(String host) throws UnknownHostException;
  }

  static final HostLookup SYSTEM_LOOKUP = InetAddress::getAllByName;

  /** What a block is, and so which setting (if any) opens it. */
  enum Category {
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    CLOUD_METADATA,
    CARRIES_IPV4,
    SPECIAL_PURPOSE
  }

  /** Where an IPv6 block carries an IPv4 address. */
  enum Ipv4Carriage {
    NONE,
    LAST_32_BITS,
    /** 6to4 (RFC 3056): bits 16..47. */
    BITS_16_TO_47,
    /** Teredo (RFC 4380): the client's address is the last 32 bits, inverted. */
    LAST_32_BITS_INVERTED;

    @Nullable Inet4Address carried(byte[] ipv6) {
      byte[] v4 =
          switch (this) {
            case NONE -> null;
            case LAST_32_BITS -> Arrays.copyOfRange(ipv6, 12, 16);
            case BITS_16_TO_47 -> Arrays.copyOfRange(ipv6, 2, 6);
            case LAST_32_BITS_INVERTED -> {
              byte[] bytes = Arrays.copyOfRange(ipv6, 12, 16);
              for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
              }
              yield bytes;
            }
          };
      return v4 == null ? null : ipv4(v4);
    }
  }

  /** One row of the table: a CIDR block, parsed once. */
  // The network bytes are never compared through equals or hashCode: a block is only asked
  // whether it contains an address, and the table is a fixed list built once.
  @SuppressWarnings("ArrayRecordComponent")
  record Block(
      String cidr,
      Category category,
      String name,
      Ipv4Carriage carriage,
      byte[] network,
      int prefixLength) {

    static Block of(String cidr, Category category, String name, Ipv4Carriage carriage) {
      int slash = cidr.indexOf('/');
      byte[] network = asWritten(cidr, literal(cidr.substring(0, slash))).getAddress();
      return new Block(
          cidr, category, name, carriage, network, Integer.parseInt(cidr.substring(slash + 1)));
    }

    static Block of(String cidr, Category category, String name) {
      return of(cidr, category, name, Ipv4Carriage.NONE);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefixLength / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
    }
  }

  /**
   * The refused blocks (IANA special-purpose registries, checked 2025). The registry marks a few
   * single protocol anycast addresses inside 192.0.0.0/24 and 2001::/23 as globally reachable (PCP,
   * TURN, DNS-SD, AMT, AS112, ORCHIDv2, drone remote ID): none of them serves files, so the whole
   * blocks stay refused. Blocks the registry marks globally reachable that are ordinary unicast
   * (AS112 192.31.196.0/24, 192.175.48.0/24, 2620:4f:8000::/48, AMT 192.52.193.0/24) are not listed
   * and so are allowed. NAT64 64:ff9b::/96 is globally reachable in the registry, but it reaches
   * any IPv4 address through a translator, so it is refused like the other forms that carry IPv4.
   */
  static final List<Block> BLOCKS =
      List.of(
          // IPv4
          Block.of("0.0.0.0/8", SPECIAL_PURPOSE, "\"this network\" (RFC 791)"),
          Block.of("0.0.0.0/32", SPECIAL_PURPOSE, "unspecified (RFC 1122)"),
          Block.of("10.0.0.0/8", PRIVATE, "private-use (RFC 1918)"),
          Block.of("100.64.0.0/10", PRIVATE, "shared address space (RFC 6598)"),
          Block.of("100.100.100.200/32", CLOUD_METADATA, "cloud metadata (Alibaba Cloud)"),
          Block.of("127.0.0.0/8", LOOPBACK, "loopback (RFC 1122)"),
          Block.of("169.254.0.0/16", LINK_LOCAL, "link-local (RFC 3927)"),
          Block.of(
              "169.254.169.254/32",
              CLOUD_METADATA,
              "cloud metadata (AWS, Azure, Google Cloud, Oracle Cloud)"),
          Block.of("172.16.0.0/12", PRIVATE, "private-use (RFC 1918)"),
          Block.of("192.0.0.0/24", SPECIAL_PURPOSE, "IETF protocol assignments (RFC 6890)"),
          Block.of("192.0.2.0/24", SPECIAL_PURPOSE, "documentation TEST-NET-1 (RFC 5737)"),
          Block.of("192.88.99.0/24", SPECIAL_PURPOSE, "deprecated 6to4 relay anycast (RFC 7526)"),
          Block.of("192.168.0.0/16", PRIVATE, "private-use (RFC 1918)"),
          Block.of("198.18.0.0/15", SPECIAL_PURPOSE, "benchmarking (RFC 2544)"),
          Block.of("198.51.100.0/24", SPECIAL_PURPOSE, "documentation TEST-NET-2 (RFC 5737)"),
          Block.of("203.0.113.0/24", SPECIAL_PURPOSE, "documentation TEST-NET-3 (RFC 5737)"),
          Block.of("224.0.0.0/4", SPECIAL_PURPOSE, "multicast (RFC 5771)"),
          Block.of("240.0.0.0/4", SPECIAL_PURPOSE, "reserved (RFC 1112)"),
          Block.of("255.255.255.255/32", SPECIAL_PURPOSE, "limited broadcast (RFC 919)"),
          // IPv6: everything outside global unicast 2000::/3 first, then the blocks inside or more
          // specific
          Block.of("::/3", SPECIAL_PURPOSE, "reserved by the IETF, not global unicast (RFC 4291)"),
          Block.of(
              "4000::/2", SPECIAL_PURPOSE, "reserved by the IETF, not global unicast (RFC 4291)"),
          Block.of(
              "8000::/1", SPECIAL_PURPOSE, "reserved by the IETF, not global unicast (RFC 4291)"),
          Block.of("::/128", SPECIAL_PURPOSE, "unspecified (RFC 4291)"),
          Block.of("::1/128", LOOPBACK, "loopback (RFC 4291)"),
          Block.of(
              "::/96",
              CARRIES_IPV4,
              "IPv4-compatible (deprecated, RFC 4291)",
              Ipv4Carriage.LAST_32_BITS),
          Block.of(
              "::ffff:0:0/96", CARRIES_IPV4, "IPv4-mapped (RFC 4291)", Ipv4Carriage.LAST_32_BITS),
          Block.of("64:ff9b::/96", CARRIES_IPV4, "NAT64 (RFC 6052)", Ipv4Carriage.LAST_32_BITS),
          Block.of("64:ff9b:1::/48", SPECIAL_PURPOSE, "local-use IPv4/IPv6 translation (RFC 8215)"),
          Block.of("100::/64", SPECIAL_PURPOSE, "discard-only (RFC 6666)"),
          Block.of("100:0:0:1::/64", SPECIAL_PURPOSE, "dummy prefix (RFC 9780)"),
          Block.of("2001::/23", SPECIAL_PURPOSE, "IETF protocol assignments (RFC 2928)"),
          Block.of(
              "2001::/32", CARRIES_IPV4, "Teredo (RFC 4380)", Ipv4Carriage.LAST_32_BITS_INVERTED),
          Block.of("2001:2::/48", SPECIAL_PURPOSE, "benchmarking (RFC 5180)"),
          Block.of("2001:db8::/32", SPECIAL_PURPOSE, "documentation (RFC 3849)"),
          Block.of("2002::/16", CARRIES_IPV4, "6to4 (RFC 3056)", Ipv4Carriage.BITS_16_TO_47),
          Block.of("3fff::/20", SPECIAL_PURPOSE, "documentation (RFC 9637)"),
          Block.of("5f00::/16", SPECIAL_PURPOSE, "segment routing SRv6 SIDs (RFC 9602)"),
          Block.of("fc00::/7", PRIVATE, "unique-local (RFC 4193)"),
          Block.of("fd00:ec2::254/128", CLOUD_METADATA, "cloud metadata (AWS)"),
          Block.of("fe80::/10", LINK_LOCAL, "link-local (RFC 4291)"),
          Block.of("fec0::/10", SPECIAL_PURPOSE, "site-local (deprecated, RFC 3879)"),
          Block.of("ff00::/8", SPECIAL_PURPOSE, "multicast (RFC 4291)"));

  /**
   * The same table, most specific block first: the first block that contains an address decides.
   */
  private static final List<Block> MOST_SPECIFIC_FIRST =
      BLOCKS.stream().sorted(Comparator.comparingInt(Block::prefixLength).reversed()).toList();

  private final boolean allowLoopback;
  private final boolean allowPrivateNetworks;
  private final HostLookup lookup;

  AddressGuard(boolean allowLoopback, boolean allowPrivateNetworks, HostLookup lookup) {
    this.allowLoopback = allowLoopback;
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.lookup = lookup;
  }

  AddressGuard(boolean allowLoopback, boolean allowPrivateNetworks) {
    this(allowLoopback, allowPrivateNetworks, SYSTEM_LOOKUP);
  }

  /**
   * The URL's form: http(s), a host, no credentials. Its addresses are judged when it is connected
   * to.
   */
  void checkUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused to download '" + uri + "': only http and https URLs are allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED, "Refused to download '" + uri + "': no host");
    }
    if (uri.getUserInfo() != null) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused to download from " + host + ": URLs with credentials are not allowed");
    }
  }

  /**
   * One lookup, every answer judged; the answers are returned only if all are allowed (a host that
   * also points inside is not trusted with its other answers either).
   *
   * @throws DownloadException of kind REFUSED naming the first refused address
   */
  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] answers = lookup.addressesOf(host);
    if (answers == null || answers.length == 0) {
      throw new UnknownHostException(host + " has no address");
    }
    InetAddress[] judged = new InetAddress[answers.length];
    for (int i = 0; i < answers.length; i++) {
      judged[i] = asWritten(host, answers[i]);
      String refusal = refusal(judged[i]);
      if (refusal != null) {
        throw new DownloadException(
            DownloadException.Kind.REFUSED,
            "Refused to download from " + host + ": it resolves to " + refusal);
      }
    }
    return answers;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return host; // Only used for SPNEGO/Kerberos, which the download never does; no extra lookup.
  }

  /** Null when the address may be reached, otherwise why not (naming the address). */
  @Nullable String refusal(InetAddress address) {
    Block block = blockOf(address.getAddress());
    if (block == null || opened(block.category())) {
      return null;
    }
    StringBuilder why =
        new StringBuilder(address.getHostAddress()).append(", ").append(described(block));
    Inet4Address carried = block.carriage().carried(address.getAddress());
    if (carried != null) {
      Block carriedBlock = blockOf(carried.getAddress());
      why.append(" carrying the IPv4 address ").append(carried.getHostAddress());
      if (carriedBlock != null) {
        why.append(", ").append(described(carriedBlock));
      }
    }
    return why.append(", which the download worker ").append(hint(block.category())).toString();
  }

  /**
   * "a private-use address (10.0.0.0/8, RFC 1918)" from the row's name "private-use (RFC 1918)".
   */
  private static String described(Block block) {
    String name = block.name();
    int note = name.indexOf(" (");
    String what = note < 0 ? name : name.substring(0, note);
    String details = note < 0 ? "" : ", " + name.substring(note + 2, name.length() - 1);
    String article = "aeiouAEIOU".indexOf(what.charAt(0)) >= 0 ? "an " : "a ";
    return article + what + " address (" + block.cidr() + details + ")";
  }

  private static @Nullable Block blockOf(byte[] address) {
    for (Block block : MOST_SPECIFIC_FIRST) {
      if (block.contains(address)) {
        return block;
      }
    }
    return null;
  }

  private boolean opened(Category category) {
    return switch (category) {
      case LOOPBACK -> allowLoopback;
      case PRIVATE -> allowPrivateNetworks;
      case LINK_LOCAL, CLOUD_METADATA, CARRIES_IPV4, SPECIAL_PURPOSE -> false;
    };
  }

  private static String hint(Category category) {
    return switch (category) {
      case LOOPBACK -> "reaches only with pixverse.download.allow-loopback (for a local simulator)";
      case PRIVATE -> "reaches only with pixverse.download.allow-private-networks";
      case LINK_LOCAL, CLOUD_METADATA, CARRIES_IPV4, SPECIAL_PURPOSE -> "never reaches";
    };
  }

  /**
   * The JDK turns an IPv4-mapped literal such as {@code ::ffff:10.0.0.1} into a plain IPv4 address;
   * a URL (or table row) written that way is judged in the mapped IPv6 form it was written in,
   * which no file host uses. (A DNS answer in that form is simply IPv4, and judged as such.)
   */
  private static InetAddress asWritten(String host, InetAddress address) {
    if (address instanceof Inet4Address && host.indexOf(':') >= 0) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
      try {
        return Inet6Address.getByAddress(null, mapped, -1);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("16 bytes are always an IPv6 address", e);
      }
    }
    return address;
  }

  private static InetAddress literal(String text) {
    try {
      return InetAddress.getByName(text); // an address literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + text, e);
    }
  }

  private static Inet4Address ipv4(byte[] bytes) {
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }
}

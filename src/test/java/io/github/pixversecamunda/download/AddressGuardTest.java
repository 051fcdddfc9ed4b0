package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's judgement of address literals: no traffic, since {@code InetAddress.getAllByName}
 * parses literals without a lookup.
 */
class AddressGuardTest {

  /** Which setting, if any, may open an address. */
  enum Opener {
    NONE,
    LOOPBACK,
    PRIVATE
  }

  record Sample(String literal, String block, Opener opener) {}

  /** Addresses inside every refused block (first, inside and last addresses where it matters). */
  static final List<Sample> FORBIDDEN =
      List.of(
          new Sample("0.0.0.1", "0.0.0.0/8", Opener.NONE),
          new Sample("0.255.255.255", "0.0.0.0/8", Opener.NONE),
          new Sample("0.0.0.0", "0.0.0.0/32", Opener.NONE),
          new Sample("10.0.0.0", "10.0.0.0/8", Opener.PRIVATE),
          new Sample("10.255.255.255", "10.0.0.0/8", Opener.PRIVATE),
          new Sample("100.64.0.1", "100.64.0.0/10", Opener.PRIVATE),
          new Sample("100.127.255.254", "100.64.0.0/10", Opener.PRIVATE),
          new Sample("100.100.100.200", "100.100.100.200/32", Opener.NONE),
          new Sample("127.0.0.1", "127.0.0.0/8", Opener.LOOPBACK),
          new Sample("127.255.255.254", "127.0.0.0/8", Opener.LOOPBACK),
          new Sample("169.254.0.1", "169.254.0.0/16", Opener.NONE),
          new Sample("169.254.170.2", "169.254.0.0/16", Opener.NONE),
          new Sample("169.254.169.254", "169.254.169.254/32", Opener.NONE),
          new Sample("172.16.0.1", "172.16.0.0/12", Opener.PRIVATE),
          new Sample("172.31.255.255", "172.16.0.0/12", Opener.PRIVATE),
          new Sample("192.0.0.1", "192.0.0.0/24", Opener.NONE),
          new Sample("192.0.0.170", "192.0.0.0/24", Opener.NONE),
          new Sample("192.0.2.10", "192.0.2.0/24", Opener.NONE),
          new Sample("192.88.99.1", "192.88.99.0/24", Opener.NONE),
          new Sample("192.168.0.1", "192.168.0.0/16", Opener.PRIVATE),
          new Sample("192.168.255.255", "192.168.0.0/16", Opener.PRIVATE),
          new Sample("198.18.0.1", "198.18.0.0/15", Opener.NONE),
          new Sample("198.19.255.255", "198.18.0.0/15", Opener.NONE),
          new Sample("198.51.100.7", "198.51.100.0/24", Opener.NONE),
          new Sample("203.0.113.9", "203.0.113.0/24", Opener.NONE),
          new Sample("224.0.0.1", "224.0.0.0/4", Opener.NONE),
          new Sample("239.255.255.250", "224.0.0.0/4", Opener.NONE),
          new Sample("240.0.0.1", "240.0.0.0/4", Opener.NONE),
          new Sample("255.255.255.254", "240.0.0.0/4", Opener.NONE),
          new Sample("255.255.255.255", "255.255.255.255/32", Opener.NONE),
          new Sample("::", "::/128", Opener.NONE),
          new Sample("::1", "::1/128", Opener.LOOPBACK),
          new Sample("::ffff:5db8:d70e", "::ffff:0:0/96", Opener.NONE),
          new Sample("::ffff:127.0.0.1", "::ffff:0:0/96", Opener.NONE),
          new Sample("::ffff:10.0.0.1", "::ffff:0:0/96", Opener.NONE),
          new Sample("::10.0.0.1", "::/96", Opener.NONE),
          new Sample("::93.184.215.14", "::/96", Opener.NONE),
          new Sample("64:ff9b::7f00:1", "64:ff9b::/96", Opener.NONE),
          new Sample("64:ff9b::5db8:d70e", "64:ff9b::/96", Opener.NONE),
          new Sample("64:ff9b:1::a00:1", "64:ff9b:1::/48", Opener.NONE),
          new Sample("100::1", "100::/64", Opener.NONE),
          new Sample("100:0:0:1::1", "100:0:0:1::/64", Opener.NONE),
          new Sample("2001:2::1", "2001:2::/48", Opener.NONE),
          new Sample("2001:10::1", "2001::/23", Opener.NONE),
          new Sample("2001:1ff:ffff::1", "2001::/23", Opener.NONE),
          new Sample("2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001::/32", Opener.NONE),
          new Sample("2001:db8::1", "2001:db8::/32", Opener.NONE),
          new Sample("2002:a9fe:a9fe::", "2002::/16", Opener.NONE),
          new Sample("2002:5db8:d70e::1", "2002::/16", Opener.NONE),
          new Sample("3fff::1", "3fff::/20", Opener.NONE),
          new Sample("3fff:fff:ffff::1", "3fff::/20", Opener.NONE),
          new Sample("5f00::1", "5f00::/16", Opener.NONE),
          new Sample("fc00::1", "fc00::/7", Opener.PRIVATE),
          new Sample("fd12:3456:789a::1", "fc00::/7", Opener.PRIVATE),
          new Sample("fd00:ec2::254", "fd00:ec2::254/128", Opener.NONE),
          new Sample("fe80::1", "fe80::/10", Opener.NONE),
          new Sample("febf:ffff::1", "fe80::/10", Opener.NONE),
          new Sample("fec0::1", "fec0::/10", Opener.NONE),
          new Sample("ff02::1", "ff00::/8", Opener.NONE),
          new Sample("ff0e::1", "ff00::/8", Opener.NONE),
          new Sample("::2", "::/96", Opener.NONE),
          new Sample("1::1", "::/3", Opener.NONE),
          new Sample("4000::1", "4000::/2", Opener.NONE),
          new Sample("8000::1", "8000::/1", Opener.NONE),
          new Sample("e000::1", "8000::/1", Opener.NONE));

  /**
   * Globally reachable unicast, including registry blocks marked globally reachable (AS112, AMT).
   */
  static final List<String> PUBLIC =
      List.of(
          "93.184.215.14",
          "1.1.1.1",
          "8.8.8.8",
          "100.63.255.255",
          "100.128.0.0",
          "172.32.0.1",
          "169.253.255.255",
          "192.0.1.1",
          "192.31.196.1",
          "192.52.193.1",
          "192.175.48.1",
          "198.20.0.1",
          "223.255.255.254",
          "2606:4700::1111",
          "2a00:1450:4001::200e",
          "2001:200::1",
          "2620:4f:8000::1",
          "2003::1",
          "3ffe::1",
          "3fff:1000::1");

  private static final AddressGuard STRICT = new AddressGuard(false, false);
  private static final AddressGuard LOOPBACK_OPEN = new AddressGuard(true, false);
  private static final AddressGuard PRIVATE_OPEN = new AddressGuard(false, true);
  private static final AddressGuard BOTH_OPEN = new AddressGuard(true, true);

  private static boolean allows(AddressGuard guard, String literal) {
    try {
      guard.resolve(literal);
      return true;
    } catch (DownloadException e) {
      assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
      return false;
    } catch (UnknownHostException e) {
      throw new AssertionError("a literal always parses: " + literal, e);
    }
  }

  private static String refusal(AddressGuard guard, String literal) {
    try {
      guard.resolve(literal);
    } catch (DownloadException e) {
      return e.getMessage();
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError(literal + " was allowed");
  }

  @Test
  void everySpecialPurposeAddressIsRefusedByDefaultAndOnlyItsOwnSettingOpensIt() {
    int tried = 0;
    List<String> wronglyAllowed = new ArrayList<>();
    List<String> wronglyRefused = new ArrayList<>();
    for (Sample sample : FORBIDDEN) {
      boolean[] expected = {
        false,
        sample.opener() == Opener.LOOPBACK,
        sample.opener() == Opener.PRIVATE,
        sample.opener() != Opener.NONE
      };
      AddressGuard[] guards = {STRICT, LOOPBACK_OPEN, PRIVATE_OPEN, BOTH_OPEN};
      for (int i = 0; i < guards.length; i++) {
        tried++;
        boolean allowed = allows(guards[i], sample.literal());
        if (allowed && !expected[i]) {
          wronglyAllowed.add(sample.literal() + " (setting " + i + ")");
        } else if (!allowed && expected[i]) {
          wronglyRefused.add(sample.literal() + " (setting " + i + ")");
        }
      }
    }
    long refusedByDefault = FORBIDDEN.stream().filter(s -> !allows(STRICT, s.literal())).count();
    System.out.printf(
        "Address guard: %d forbidden addresses x 4 settings = %d judgements; refused by default %d of %d;"
            + " allowed where forbidden %d; refused where a setting opens it %d%n",
        FORBIDDEN.size(),
        tried,
        refusedByDefault,
        FORBIDDEN.size(),
        wronglyAllowed.size(),
        wronglyRefused.size());
    assertThat(wronglyAllowed).isEmpty();
    assertThat(wronglyRefused).isEmpty();
    assertThat(refusedByDefault).isEqualTo(FORBIDDEN.size());
  }

  @Test
  void eachRefusalNamesTheBlockTheAddressFallsIn() {
    for (Sample sample : FORBIDDEN) {
      assertThat(refusal(STRICT, sample.literal()))
          .as(sample.literal())
          .startsWith("Refused to download from " + sample.literal() + ": it resolves to ")
          .contains("address (" + sample.block());
    }
  }

  @Test
  void everyBlockOfTheTableIsCoveredHere() {
    Set<String> table = new LinkedHashSet<>();
    AddressGuard.BLOCKS.forEach(block -> table.add(block.cidr()));
    Set<String> sampled = new LinkedHashSet<>();
    FORBIDDEN.forEach(sample -> sampled.add(sample.block()));

    assertThat(sampled).containsExactlyInAnyOrderElementsOf(table);
  }

  @Test
  void publicAddressesAreAllowedWhateverTheSettings() {
    for (String literal : PUBLIC) {
      for (AddressGuard guard : List.of(STRICT, LOOPBACK_OPEN, PRIVATE_OPEN, BOTH_OPEN)) {
        assertThat(allows(guard, literal)).as(literal).isTrue();
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "64:ff9b::7f00:1 | NAT64 | 127.0.0.1, a loopback address",
        "64:ff9b::a9fe:a9fe | NAT64 | 169.254.169.254, a cloud metadata",
        "2002:a9fe:a9fe:: | 6to4 | 169.254.169.254, a cloud metadata",
        "2002:0a00:0001::1 | 6to4 | 10.0.0.1, a private-use address",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe | Teredo | 10.0.0.1, a private-use address",
        "2001:0:4136:e378:8000:63bf:80ff:fffe | Teredo | 127.0.0.1, a loopback address",
        "::ffff:127.0.0.1 | IPv4-mapped | 127.0.0.1, a loopback address",
        "::ffff:a9fe:a9fe | IPv4-mapped | 169.254.169.254, a cloud metadata",
        "::10.0.0.1 | IPv4-compatible | 10.0.0.1, a private-use address",
        "2002:5db8:d70e::1 | 6to4 | 93.184.215.14, which the download worker never reaches"
      })
  void ipv6FormsCarryingIpv4AreRefusedNamingTheCarriedAddress(
      String literal, String form, String carried) {
    for (AddressGuard guard : List.of(STRICT, BOTH_OPEN)) {
      assertThat(refusal(guard, literal))
          .contains(form)
          .contains("carrying the IPv4 address " + carried)
          .contains("never reaches");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.10.1", "fe80::1"})
  void linkLocalAndMetadataAddressesStayClosedWithEverySettingOpen(String literal) {
    assertThat(refusal(BOTH_OPEN, literal)).contains("never reaches");
  }

  @Test
  void theRefusalSaysWhichSettingWouldOpenAnAddress() {
    assertThat(refusal(STRICT, "127.0.0.1"))
        .contains("loopback")
        .contains("pixverse.download.allow-loopback");
    assertThat(refusal(STRICT, "10.1.2.3"))
        .contains("private-use")
        .contains("pixverse.download.allow-private-networks");
    assertThat(refusal(STRICT, "fd12::1"))
        .contains("unique-local")
        .contains("pixverse.download.allow-private-networks");
  }

  @Test
  void oneLookupPerResolveAndOnlyItsJudgedAnswersAreReturned() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    // A host that answers a public address first and an internal one on the next lookup
    // (rebinding).
    AddressGuard guard =
        new AddressGuard(
            false,
            false,
            host ->
                lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("93.184.215.14")}
                    : new InetAddress[] {InetAddress.getByName("10.0.0.7")});

    assertThat(guard.resolve("video.example"))
        .containsExactly(InetAddress.getByName("93.184.215.14"));
    assertThat(lookups.get()).isEqualTo(1);
    assertThatThrownBy(() -> guard.resolve("video.example")).hasMessageContaining("10.0.0.7");
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void aHostWithOneInternalAnswerAmongPublicOnesIsRefused() {
    AddressGuard guard =
        new AddressGuard(
            false,
            false,
            host ->
                new InetAddress[] {
                  InetAddress.getByName("93.184.215.14"), InetAddress.getByName("169.254.169.254")
                });

    assertThatThrownBy(() -> guard.resolve("video.example"))
        .isInstanceOfSatisfying(
            DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED))
        .hasMessageContaining("video.example")
        .hasMessageContaining("169.254.169.254");
  }
}

package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void matchesIpv4Networks() {
    var cidr = Cidr.parse("10.20.0.0/16");
    assertThat(cidr.contains(ip("10.20.255.1"))).isTrue();
    assertThat(cidr.contains(ip("10.21.0.1"))).isFalse();
    assertThat(Cidr.parse("127.0.0.1/32").contains(ip("127.0.0.1"))).isTrue();
    assertThat(Cidr.parse("127.0.0.1/32").contains(ip("127.0.0.2"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
  }

  @Test
  void matchesIpv6Networks() {
    var cidr = Cidr.parse("2001:db8:abcd::/48");
    assertThat(cidr.contains(ip("2001:db8:abcd:12::1"))).isTrue();
    assertThat(cidr.contains(ip("2001:db8:abce::1"))).isFalse();
    assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
    assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
  }

  @Test
  void neverMatchesAcrossAddressFamilies() {
    assertThat(Cidr.parse("::1/128").contains(ip("127.0.0.1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
  }

  @Test
  void anIpv4MappedIpv6AddressIsItsIpv4Address() {
    assertThat(
            Cidr.parse("127.0.0.0/8").contains(Cidr.parseAddress("::ffff:127.0.0.1").orElseThrow()))
        .isTrue();
  }

  @Test
  void aBareAddressIsAHostNetworkAndHostBitsAreIgnored() {
    assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
    assertThat(Cidr.parse("192.0.2.7/24")).isEqualTo(Cidr.parse("192.0.2.0/24"));
  }

  @Test
  void rejectsWhatIsNotANetwork() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("example.com/32"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsIpLiteralsOnlyAndNeverAsksDns() {
    // Host names made of hex letters: InetAddress.getByName would have resolved them.
    for (String name :
        List.of(
            "cafe",
            "bad.beef",
            "dead.beef.cafe",
            "face:b00c",
            "localhost",
            "0x7f.1", // inet_aton forms
            "2130706433",
            "127.1",
            "010.0.0.1", // leading zeros: octal to some parsers
            "::ffff:127.1", // an inet_aton form inside IPv6
            "::ffff:0177.0.0.1",
            "fe80::1%eth0", // a zone names an interface of this host
            "*.*.*.*",
            "")) {
      assertThat(Cidr.parseAddress(name)).as(name).isEmpty();
      assertThatThrownBy(() -> Cidr.parse(name + "/32"))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Cidr.parseAddress("[::1]")).contains(ip("::1"));
    assertThat(Cidr.parseAddress("::ffff:10.0.0.1")).contains(ip("10.0.0.1"));
    assertThat(Cidr.parseAddress(" 203.0.113.9 ")).contains(ip("203.0.113.9"));
  }

  private static InetAddress ip(String literal) {
    return Cidr.parseAddress(literal).orElseThrow();
  }
}

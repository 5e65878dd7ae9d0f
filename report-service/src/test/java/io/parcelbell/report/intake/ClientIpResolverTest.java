package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

  private final ClientIpResolver resolver =
      new ClientIpResolver(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));

  @Test
  void withoutForwardingTheClientIsThePeer() {
    assertThat(resolver.resolve(ip("198.51.100.7"), null)).contains(ip("198.51.100.7"));
    assertThat(resolver.resolve(ip("10.1.1.1"), List.of())).contains(ip("10.1.1.1"));
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
    assertThat(resolver.resolve(ip("198.51.100.7"), List.of("127.0.0.1")))
        .contains(ip("198.51.100.7"));
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedAddressIsTheClient() {
    // The client prepended 127.0.0.1 itself; our proxies appended the rest.
    var headers = List.of("127.0.0.1, 203.0.113.9", "10.0.0.5");
    assertThat(resolver.resolve(ip("10.0.0.1"), headers)).contains(ip("203.0.113.9"));
  }

  @Test
  void ipv6ProxiesAndClientsWork() {
    assertThat(resolver.resolve(ip("fd00::1"), List.of("2001:db8::42")))
        .contains(ip("2001:db8::42"));
    assertThat(resolver.resolve(ip("fd00::1"), List.of("[2001:db8::43]")))
        .contains(ip("2001:db8::43"));
  }

  @Test
  void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
    assertThat(resolver.resolve(ip("10.0.0.1"), List.of("10.9.9.9, 10.0.0.2")))
        .contains(ip("10.9.9.9"));
  }

  @Test
  void garbageFromBehindATrustedProxyResolvesToNobody() {
    assertThat(resolver.resolve(ip("10.0.0.1"), List.of("unknown"))).isEmpty();
    assertThat(resolver.resolve(null, List.of("203.0.113.9"))).isEqualTo(Optional.empty());
  }

  @Test
  void aHostNameInTheForwardedForIsNeverLookedUp() {
    // Made of hex digits and dots, as the old pattern let through to InetAddress.getByName (DNS).
    for (String name : List.of("cafe", "bad.beef", "dead.beef.cafe", "face:b00c", "localhost")) {
      assertThat(resolver.resolve(ip("10.0.0.1"), List.of(name))).as(name).isEmpty();
    }
  }

  private static InetAddress ip(String literal) {
    return Cidr.parseAddress(literal).orElseThrow();
  }
}

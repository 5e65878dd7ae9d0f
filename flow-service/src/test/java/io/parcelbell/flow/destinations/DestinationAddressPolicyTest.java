package io.parcelbell.flow.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: no webhook to an address inside a network, however it is spelled or resolved. */
class DestinationAddressPolicyTest {

  /** A DNS stand-in: fixed answers, everything else unknown. */
  static DestinationAddressPolicy.Resolver dns(Map<String, String> answers) {
    return host -> {
      String address = answers.get(host);
      if (address == null) {
        throw new UnknownHostException(host);
      }
      return List.of(InetAddress.getByName(address));
    };
  }

  final DestinationAddressPolicy policy =
      new DestinationAddressPolicy(
          List.of(),
          dns(
              Map.of(
                  "hooks.slack.com", "52.89.214.238",
                  "rebind.example", "127.0.0.1",
                  "metadata.example", "169.254.169.254")));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.8",
        "172.16.5.4",
        "172.31.255.255",
        "192.168.1.10",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "198.18.0.1",
        "[::1]",
        "[::]",
        "[fe80::1]",
        "[fc00::1]",
        "[fd12:3456::1]",
        "[ff02::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:169.254.169.254]",
        "[64:ff9b::a00:1]",
        "[2001:db8::1]"
      })
  void everyInwardRangeIsRefused(String host) {
    assertThatThrownBy(() -> policy.check("https://" + host + "/hook"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("BLOCKED_ADDRESS"));
  }

  @Test
  void aPublicHttpsDestinationIsAllowed() {
    assertThat(policy.check("https://hooks.slack.com/services/T0/B0/x").getHost())
        .isEqualTo("hooks.slack.com");
    assertThat(policy.addressesFor("hooks.slack.com")).hasSize(1);
    assertThat(policy.check("https://8.8.8.8/hook").getHost()).isEqualTo("8.8.8.8");
  }

  @Test
  void aNameThatResolvesInwardIsRefusedAtSaveAndAtConnect() {
    assertThatThrownBy(() -> policy.check("https://rebind.example/hook"))
        .hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> policy.addressesFor("metadata.example"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("BLOCKED_ADDRESS"));
  }

  @Test
  void aNameThatLaterResolvesInwardIsRefusedWhenConnecting() {
    var answers = new java.util.HashMap<String, String>(Map.of("shop.example", "52.89.214.238"));
    var rebinding = new DestinationAddressPolicy(List.of(), dns(answers));
    rebinding.check("https://shop.example/hook"); // saved while it pointed outward

    answers.put("shop.example", "10.0.0.5"); // DNS rebinding

    assertThatThrownBy(() -> rebinding.addressesFor("shop.example"))
        .isInstanceOf(DestinationRefusedException.class);
  }

  @Test
  void onlyHttpsAndNoCredentialsInTheUrl() {
    assertThatThrownBy(() -> policy.check("http://hooks.slack.com/x"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_SCHEME"));
    assertThatThrownBy(() -> policy.check("ftp://hooks.slack.com/x"))
        .isInstanceOf(DestinationRefusedException.class);
    assertThatThrownBy(() -> policy.check("https://user:pw@hooks.slack.com/x"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class, e -> assertThat(e.code()).isEqualTo("INVALID_URL"));
    assertThatThrownBy(() -> policy.check("/relative"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class, e -> assertThat(e.code()).isEqualTo("INVALID_URL"));
    assertThatThrownBy(() -> policy.check("https://nowhere.example/x"))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("UNRESOLVABLE_HOST"));
  }

  @Test
  void theAllowlistOpensLoopbackForTheLocalStackAndTests() {
    var local =
        new DestinationAddressPolicy(
            List.of("127.0.0.1/32", "::1/128", "receiver.local"),
            dns(Map.of("receiver.local", "10.1.2.3", "rebind.example", "127.0.0.1")));

    assertThat(local.check("http://127.0.0.1:8092/hooks").getPort()).isEqualTo(8092);
    assertThat(local.check("http://receiver.local/hooks").getHost()).isEqualTo("receiver.local");
    assertThat(local.check("https://[::1]:8443/hooks").getHost()).isEqualTo("[::1]");
    // Still closed: what the allowlist does not name.
    assertThatThrownBy(() -> local.check("https://10.0.0.1/x"))
        .isInstanceOf(DestinationRefusedException.class);
    assertThatThrownBy(() -> local.check("http://hooks.example/x"))
        .isInstanceOf(DestinationRefusedException.class);
  }
}

package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.report.config.ReportProperties;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ReportGuardTest {

  @Test
  void onlyAllowedSourcesPass() {
    var guard = guard(null);
    assertThat(guard.check(from("127.0.0.1").build())).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("::1").build())).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("203.0.113.9").build()))
        .isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
    assertThat(guard.check(MockServerHttpRequest.post("/webhook/bizgo/report").build()))
        .isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
  }

  @Test
  void aForwardedForFromAnUntrustedPeerCannotSneakIn() {
    var guard = guard(null);
    var spoofed = from("203.0.113.9").header("X-Forwarded-For", "127.0.0.1").build();
    assertThat(guard.check(spoofed)).isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
  }

  @Test
  void whenASecretIsSetTheSignatureIsRequired() {
    var guard = guard(SignatureVerifierTest.SECRET);
    var signed =
        from("127.0.0.1")
            .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
            .header("X-IB-Signature", SignatureVerifierTest.HEX)
            .build();
    assertThat(guard.check(signed)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("127.0.0.1").build())).isEqualTo(ReportGuard.Verdict.BAD_SIGNATURE);
    var wrong =
        from("127.0.0.1")
            .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
            .header("X-IB-Signature", "00" + SignatureVerifierTest.HEX.substring(2))
            .build();
    assertThat(guard.check(wrong)).isEqualTo(ReportGuard.Verdict.BAD_SIGNATURE);
  }

  private static MockServerHttpRequest.BaseBuilder<?> from(String ip) {
    return MockServerHttpRequest.post("/webhook/bizgo/report")
        .remoteAddress(new InetSocketAddress(Cidr.parseAddress(ip).orElseThrow(), 40000));
  }

  private static ReportGuard guard(String secret) {
    var bizgo =
        new ReportProperties.Bizgo(
            List.of("127.0.0.1/32", "::1/128"),
            List.of(),
            secret,
            "http://localhost:8090",
            "key",
            Duration.ofSeconds(4));
    return new ReportGuard(
        new ReportProperties(
            bizgo,
            Duration.ofMinutes(10),
            Duration.ofHours(24),
            Duration.ofMinutes(1),
            Duration.ofSeconds(30)));
  }
}

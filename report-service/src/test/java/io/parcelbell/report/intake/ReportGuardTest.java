package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.report.config.ReportProperties;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ReportGuardTest {

  static final byte[] BODY =
      "{\"msgKey\":\"k1\",\"reportCode\":\"10000\"}".getBytes(StandardCharsets.UTF_8);
  static final byte[] OTHER_BODY =
      "{\"msgKey\":\"k2\",\"reportCode\":\"10000\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void onlyAllowedSourcesPass() {
    var guard = guard(null);
    assertThat(guard.check(from("127.0.0.1").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("::1").build(), BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("203.0.113.9").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
    assertThat(guard.check(MockServerHttpRequest.post("/webhook/bizgo/report").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
  }

  @Test
  void aForwardedForFromAnUntrustedPeerCannotSneakIn() {
    var guard = guard(null);
    var spoofed = from("203.0.113.9").header("X-Forwarded-For", "127.0.0.1").build();
    assertThat(guard.check(spoofed, BODY)).isEqualTo(ReportGuard.Verdict.UNKNOWN_SOURCE);
  }

  @Test
  void whenASecretIsSetTheSignatureIsRequired() {
    var guard = guard(SignatureVerifierTest.SECRET);
    var signed =
        from("127.0.0.1")
            .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
            .header("X-IB-Signature", SignatureVerifierTest.HEX)
            .build();
    assertThat(guard.check(signed, BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("127.0.0.1").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.BAD_SIGNATURE);
    var wrong =
        from("127.0.0.1")
            .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
            .header("X-IB-Signature", "00" + SignatureVerifierTest.HEX.substring(2))
            .build();
    assertThat(guard.check(wrong, BODY)).isEqualTo(ReportGuard.Verdict.BAD_SIGNATURE);
  }

  @Test
  void aSignatureCountsOnlyWithinFiveMinutesOfItsTimestampEitherWay() {
    Instant signedAt = Instant.ofEpochMilli(Long.parseLong(SignatureVerifierTest.TIMESTAMP));
    for (Duration offset : List.of(Duration.ofMinutes(5), Duration.ofMinutes(-5), Duration.ZERO)) {
      var guard = guard(SignatureVerifierTest.SECRET, signedAt.plus(offset));
      assertThat(guard.check(signed(), BODY))
          .as("%s", offset)
          .isEqualTo(ReportGuard.Verdict.ACCEPTED);
    }
    for (Duration offset :
        List.of(
            Duration.ofMinutes(5).plusMillis(1),
            Duration.ofMinutes(-5).minusMillis(1),
            Duration.ofDays(365))) {
      var guard = guard(SignatureVerifierTest.SECRET, signedAt.plus(offset));
      assertThat(guard.check(signed(), BODY))
          .as("%s", offset)
          .isEqualTo(ReportGuard.Verdict.STALE_SIGNATURE);
    }
    // Correctly signed timestamps beyond any clock (the second past a long): stale, no overflow.
    var guard = guard(SignatureVerifierTest.SECRET, signedAt);
    for (String far : List.of("9223372036854775807", "9999999999999999999", "0")) {
      var request =
          from("127.0.0.1")
              .header("X-IB-Timestamp", far)
              .header("X-IB-Signature", hmacHex(SignatureVerifierTest.SECRET, far))
              .build();
      assertThat(guard.check(request, BODY)).as(far).isEqualTo(ReportGuard.Verdict.STALE_SIGNATURE);
    }
  }

  private static String hmacHex(String secret, String timestamp) {
    try {
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anExactReplayOfAStoredReportIsRefusedButAnotherReportOfTheSameMillisecondIsNot() {
    var guard = guard(SignatureVerifierTest.SECRET, signedAt());
    assertThat(guard.check(signed(), BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    guard.stored(signed(), BODY);
    assertThat(guard.check(signed(), BODY)).isEqualTo(ReportGuard.Verdict.REPLAYED);
    // The signature covers the timestamp only: two reports sent in one millisecond share it.
    assertThat(guard.check(signed(), OTHER_BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    guard.stored(signed(), OTHER_BODY);
    assertThat(guard.check(signed(), OTHER_BODY)).isEqualTo(ReportGuard.Verdict.REPLAYED);
  }

  @Test
  void theSameMacSpelledOtherwiseIsTheSameRequest() {
    var guard = guard(SignatureVerifierTest.SECRET, signedAt());
    guard.stored(signed(), BODY);
    String base64 =
        java.util.Base64.getEncoder()
            .encodeToString(java.util.HexFormat.of().parseHex(SignatureVerifierTest.HEX));
    for (String spelling : List.of(SignatureVerifierTest.HEX.toUpperCase(), base64)) {
      var request =
          from("127.0.0.1")
              .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
              .header("X-IB-Signature", spelling)
              .build();
      assertThat(guard.check(request, BODY)).as(spelling).isEqualTo(ReportGuard.Verdict.REPLAYED);
    }
  }

  @Test
  void aRequestThatWasNotStoredPassesAgainWhenBizgoRetriesIt() {
    var guard = guard(SignatureVerifierTest.SECRET, signedAt());
    assertThat(guard.check(signed(), BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
    // Kafka did not take it (503), or Bizgo hung up: nothing remembered.
    assertThat(guard.check(signed(), BODY)).isEqualTo(ReportGuard.Verdict.ACCEPTED);
  }

  @Test
  void withoutASecretNothingIsRememberedAndTheSameReportPassesTwice() {
    var guard = guard(null);
    assertThat(guard.check(from("127.0.0.1").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.ACCEPTED);
    assertThat(guard.check(from("127.0.0.1").build(), BODY))
        .isEqualTo(ReportGuard.Verdict.ACCEPTED);
  }

  private static MockServerHttpRequest signed() {
    return from("127.0.0.1")
        .header("X-IB-Timestamp", SignatureVerifierTest.TIMESTAMP)
        .header("X-IB-Signature", SignatureVerifierTest.HEX)
        .build();
  }

  private static Instant signedAt() {
    return Instant.ofEpochMilli(Long.parseLong(SignatureVerifierTest.TIMESTAMP));
  }

  private static MockServerHttpRequest.BaseBuilder<?> from(String ip) {
    return MockServerHttpRequest.post("/webhook/bizgo/report")
        .remoteAddress(new InetSocketAddress(Cidr.parseAddress(ip).orElseThrow(), 40000));
  }

  private static ReportGuard guard(String secret) {
    return guard(secret, signedAt());
  }

  private static ReportGuard guard(String secret, Instant now) {
    var bizgo =
        new ReportProperties.Bizgo(
            List.of("127.0.0.1/32", "::1/128"),
            List.of(),
            secret,
            "http://localhost:8090",
            "key",
            Duration.ofSeconds(4),
            Duration.ofMinutes(5),
            1_000);
    return new ReportGuard(
        new ReportProperties(
            bizgo,
            Duration.ofMinutes(10),
            Duration.ofHours(24),
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            256,
            Duration.ofSeconds(10),
            new ReportProperties.Overview(Duration.ofSeconds(10), Duration.ofHours(1))),
        Clock.fixed(now, ZoneOffset.UTC));
  }
}

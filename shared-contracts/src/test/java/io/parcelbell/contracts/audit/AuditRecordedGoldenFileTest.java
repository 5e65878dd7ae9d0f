package io.parcelbell.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.kafka.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit record's wire form is pinned like every event's (EventGoldenFilesTest). */
class AuditRecordedGoldenFileTest {

  static final AuditRecorded SAMPLE =
      new AuditRecorded(
          "5b0c7a52-3f8e-4d8e-9d0c-2f9a4c1e7b11",
          Instant.parse("2026-12-01T01:02:03.456Z"),
          "report-service",
          AuditActions.NOTIFICATION_EXPORT,
          new AuditActor("4f1d2c9e-operator", "Local Operator", "parcelbell-console"),
          new AuditTarget("notifications", "export"),
          "req-7f3a9c",
          Map.of("state", "DEAD_LETTER", "orderId", "ORD-1001"));

  @Test
  void goldenFileReadsAsTheSample() throws IOException {
    assertThat(EventJson.mapper().readValue(golden(), AuditRecorded.class)).isEqualTo(SAMPLE);
  }

  @Test
  void sampleWritesTheGoldenFilesExactBytes() throws IOException {
    byte[] compactGolden =
        EventJson.mapper().writeValueAsBytes(EventJson.mapper().readTree(golden()));

    assertThat(new String(AuditPublisher.json(SAMPLE), StandardCharsets.UTF_8))
        .isEqualTo(new String(compactGolden, StandardCharsets.UTF_8));
  }

  @Test
  void theKafkaKeyIsTheTarget() {
    assertThat(SAMPLE.key()).isEqualTo("notifications:export");
  }

  private static byte[] golden() throws IOException {
    try (InputStream in =
        AuditRecordedGoldenFileTest.class.getResourceAsStream("/golden/AuditRecorded.json")) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }
}

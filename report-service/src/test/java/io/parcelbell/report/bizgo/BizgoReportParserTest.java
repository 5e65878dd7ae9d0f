package io.parcelbell.report.bizgo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

public class BizgoReportParserTest {

  public static final Path VECTOR = Path.of("../../shared/vectors/bizgo-report.body.json");
  static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

  private final BizgoReportParser parser = new BizgoReportParser(new ObjectMapper());

  @Test
  void readsTheSharedVector() throws IOException {
    var parsed = parser.parse(Files.readAllBytes(VECTOR), NOW);

    assertThat(parsed.msgKey()).isEqualTo("20260424104234546POM101182450000");
    var report = parsed.report().orElseThrow();
    assertThat(report.id()).isEqualTo("20260424104234546POM101182450000:64016");
    assertThat(report.reportCode()).isEqualTo("64016");
    assertThat(report.reportText()).isEqualTo("카카오톡 미사용자");
    assertThat(report.serviceType()).isEqualTo("ALIMTALK");
    assertThat(report.reportedAt()).isEqualTo("2026-04-24T01:42:36.120Z");
    assertThat(report.ref()).isEqualTo("cj:123456789012:DELIVERED");
    assertThat(report.applied()).isFalse();
  }

  @Test
  void acceptsResultMsgForReportTextAndIgnoresUnknownFields() {
    var parsed =
        parse("{\"msgKey\":\"k\",\"reportCode\":\"22000\",\"resultMsg\":\"timeout\",\"new\":{}}");
    assertThat(parsed.report().orElseThrow().reportText()).isEqualTo("timeout");
    assertThat(parsed.report().orElseThrow().reportedAt()).isEqualTo(NOW);
  }

  @Test
  void junkStillYieldsWhateverMsgKeyArrived() {
    assertThat(parse("{\"msgKey\":\"k\"}").msgKey()).isEqualTo("k");
    assertThat(parse("{\"msgKey\":\"k\"}").report()).isEmpty();
    assertThat(parse("not json").msgKey()).isNull();
    assertThat(parse("[1,2]").report()).isEmpty();
    assertThat(parser.parse((byte[]) null, NOW).msgKey()).isNull();
  }

  private BizgoReportParser.Parsed parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
  }
}

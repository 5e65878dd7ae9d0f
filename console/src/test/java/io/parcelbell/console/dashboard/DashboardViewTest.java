package io.parcelbell.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.console.api.ReportApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardViewTest {

  static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
  static final Duration QUIET = Duration.ofMinutes(30);

  @Test
  void reportsAreQuietOnlyWhenASendHasWaitedLongerThanTheThresholdWithNoReportSince() {
    assertThat(quiet(null, null)).as("nothing pending, no report yet").isFalse();
    assertThat(quiet(NOW.minusSeconds(60), null)).as("a send a minute old").isFalse();
    assertThat(quiet(null, NOW.minus(Duration.ofHours(8)))).as("a quiet night").isFalse();
    assertThat(quiet(NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(30)))
        .as("reports still arrive")
        .isFalse();
    assertThat(quiet(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(2)))).isTrue();
    assertThat(quiet(NOW.minus(Duration.ofHours(1)), null)).isTrue();
  }

  private static boolean quiet(Instant oldestPending, Instant lastReport) {
    var stats = new ReportApi.Stats("PT24H", NOW, java.util.Map.of(), 0, 0);
    return DashboardView.reportsQuiet(
        new ReportApi.Overview(NOW, stats, stats, List.of(), oldestPending, lastReport, List.of()),
        QUIET);
  }
}

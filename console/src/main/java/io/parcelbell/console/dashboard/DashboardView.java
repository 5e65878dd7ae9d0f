package io.parcelbell.console.dashboard;

import io.parcelbell.console.api.ReportApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's figures, ready to show: the API's overview, whether delivery reports have gone
 * quiet, and the failure-rate chart as SVG geometry (drawn on the server, no chart library).
 */
public record DashboardView(
    ReportApi.Overview overview, boolean reportsQuiet, boolean countsBehind, List<Bar> bars) {

  static final List<String> STATES =
      List.of("HELD", "PENDING", "SENT", "DEAD_LETTER", "SUPERSEDED");
  static final int CHART_HEIGHT = 120;
  static final int BAR_WIDTH = 40;
  static final int BAR_GAP = 16;

  /**
   * report-service recounts every 10 s by default: figures older than this mean its counting has
   * stopped or fallen behind, and the page says so rather than show them as current.
   */
  static final Duration BEHIND_AFTER = Duration.ofMinutes(2);

  /** One day's bar: its geometry and the figures its label and hidden table show. */
  public record Bar(int x, int y, int height, ReportApi.Day day) {}

  static DashboardView of(ReportApi.Overview overview, Duration quietAfter, Instant now) {
    boolean quiet = reportsQuiet(overview, quietAfter);
    List<Bar> bars = new ArrayList<>();
    List<ReportApi.Day> days = overview.days() == null ? List.of() : overview.days();
    for (int i = 0; i < days.size(); i++) {
      ReportApi.Day day = days.get(i);
      int height = (int) Math.round(Math.min(1.0, Math.max(0.0, day.failureRate())) * CHART_HEIGHT);
      bars.add(new Bar(i * (BAR_WIDTH + BAR_GAP), CHART_HEIGHT - height, height, day));
    }
    boolean behind =
        overview.at() != null && Duration.between(overview.at(), now).compareTo(BEHIND_AFTER) > 0;
    return new DashboardView(overview, quiet, behind, bars);
  }

  /**
   * Reports stopped arriving: a send has waited longer than {@code quietAfter} for its report and
   * no report came in that time. A quiet night with nothing pending, or a send seconds old, is not.
   */
  static boolean reportsQuiet(ReportApi.Overview overview, Duration quietAfter) {
    Instant now = overview.at();
    Instant oldestPending = overview.oldestPendingSince();
    if (now == null
        || oldestPending == null
        || Duration.between(oldestPending, now).compareTo(quietAfter) <= 0) {
      return false;
    }
    Instant last = overview.lastReportAt();
    return last == null || Duration.between(last, now).compareTo(quietAfter) > 0;
  }

  public long count(ReportApi.Stats stats, String state) {
    return stats == null || stats.counts() == null ? 0 : stats.counts().getOrDefault(state, 0L);
  }

  public List<String> states() {
    return STATES;
  }

  public int barWidth() {
    return BAR_WIDTH;
  }

  public int chartWidth() {
    return Math.max(1, bars.size() * (BAR_WIDTH + BAR_GAP) - BAR_GAP);
  }
}

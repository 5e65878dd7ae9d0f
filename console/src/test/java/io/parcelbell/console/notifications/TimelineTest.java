package io.parcelbell.console.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.console.api.ReportApi;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  static final Instant T = Instant.parse("2026-12-01T01:00:00Z");

  @Test
  void aFallbackIsAlimtalkGivingWayToATextAndAResendOnAlimtalkIsNot() {
    var n =
        notification(
            attempt("ALIMTALK", "FAILED", "64016", 1),
            attempt("SMS", "FAILED", "23000", 2),
            attempt("ALIMTALK", "EXPIRED", null, 3));

    List<String> kinds =
        Timeline.of(n).entries().stream().map(e -> e.kind() + ":" + e.channel()).toList();

    assertThat(kinds)
        .containsExactly(
            "received:null",
            "sent:ALIMTALK",
            "reported:ALIMTALK",
            "fallback:SMS",
            "sent:SMS",
            "reported:SMS",
            "sent:ALIMTALK",
            "reported:ALIMTALK",
            "state:null");
    var expired = Timeline.of(n).entries().get(7);
    assertThat(expired.code()).isEqualTo("EXPIRED");
    assertThat(expired.at()).as("no report time for an expired attempt").isNull();
  }

  private static ReportApi.Attempt attempt(String channel, String state, String code, int n) {
    return new ReportApi.Attempt(
        channel,
        "mk-" + n,
        state,
        code,
        null,
        T.plusSeconds(n * 10L),
        code == null ? null : T.plusSeconds(n * 10L + 5));
  }

  private static ReportApi.Notification notification(ReportApi.Attempt... attempts) {
    return new ReportApi.Notification(
        "cj:1:DELIVERED",
        "cj",
        "1",
        "DELIVERED",
        "ORD-1",
        "010-****-5678",
        "DEAD_LETTER",
        "every channel failed",
        List.of(attempts),
        T,
        T.plusSeconds(100));
  }
}

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

  @Test
  void aHoldForQuietHoursComesBeforeTheSendsAfterItAndAReplacementBeforeTheEnd() {
    // Sent at T+10 (Alimtalk, failed), resent and held at T+50 until the morning, sent at T+60.
    Instant morning = T.plus(java.time.Duration.ofHours(8));
    var n =
        notification(
            "SUPERSEDED",
            T.plusSeconds(50),
            morning,
            "cj:1:RETURNED",
            attempt("ALIMTALK", "FAILED", "23000", 1),
            attempt("ALIMTALK", "PENDING", null, 6));

    var entries = Timeline.of(n).entries();

    assertThat(entries.stream().map(Timeline.Entry::kind).toList())
        .containsExactly("received", "sent", "reported", "held", "sent", "superseded", "state");
    assertThat(entries.get(3).until()).isEqualTo(morning);
    assertThat(entries.get(5).text()).isEqualTo("cj:1:RETURNED");
  }

  private static ReportApi.Notification notification(ReportApi.Attempt... attempts) {
    return notification("DEAD_LETTER", null, null, null, attempts);
  }

  private static ReportApi.Notification notification(
      String state,
      Instant heldAt,
      Instant heldUntil,
      String supersededBy,
      ReportApi.Attempt... attempts) {
    return new ReportApi.Notification(
        "cj:1:DELIVERED",
        "cj",
        "1",
        "DELIVERED",
        "ORD-1",
        "010-****-5678",
        state,
        supersededBy == null ? "every channel failed" : "superseded by " + supersededBy,
        List.of(attempts),
        T,
        T.plusSeconds(100),
        heldAt,
        heldUntil,
        supersededBy,
        supersededBy == null ? null : T.plusSeconds(90));
  }
}

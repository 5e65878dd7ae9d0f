package io.parcelbell.console.notifications;

import io.parcelbell.console.api.ReportApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification's story in time order: received, held for quiet hours (until when), each attempt
 * sent and reported (with its code), the fallback to SMS when Alimtalk failed, replaced by a newer
 * parcel status, and the state it ended in. Each entry names a message key ({@code timeline.*}) and
 * its arguments; the page says it in the reader's language.
 */
public record Timeline(List<Entry> entries) {

  /** {@code until}: the end of a hold for quiet hours. */
  public record Entry(
      Instant at,
      String kind,
      String channel,
      String code,
      String text,
      String state,
      Instant until) {

    Entry(Instant at, String kind, String channel, String code, String text, String state) {
      this(at, kind, channel, code, text, state, null);
    }
  }

  static Timeline of(ReportApi.Notification n) {
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry(n.createdAt(), "received", null, null, null, null));
    String previousChannel = null;
    for (ReportApi.Attempt attempt : n.attempts()) {
      // A fallback is Alimtalk giving way to a text message; a resend may start over on Alimtalk.
      if ("ALIMTALK".equals(previousChannel)
          && ("SMS".equals(attempt.channel()) || "LMS".equals(attempt.channel()))) {
        entries.add(
            new Entry(attempt.requestedAt(), "fallback", attempt.channel(), null, null, null));
      }
      entries.add(
          new Entry(
              attempt.requestedAt(), "sent", attempt.channel(), null, attempt.msgKey(), null));
      if (attempt.reportedAt() != null || !"PENDING".equals(attempt.state())) {
        // An attempt that expired has no report time: shown in its place, without one.
        entries.add(
            new Entry(
                attempt.reportedAt(),
                "reported",
                attempt.channel(),
                attempt.reportCode() != null ? attempt.reportCode() : attempt.state(),
                attempt.reportText(),
                attempt.state()));
      }
      previousChannel = attempt.channel();
    }
    if (n.heldAt() != null) {
      // Before the first send after it (a resend can be held again, after earlier attempts).
      int at = 1;
      while (at < entries.size()
          && (entries.get(at).at() == null || !entries.get(at).at().isAfter(n.heldAt()))) {
        at++;
      }
      entries.add(at, new Entry(n.heldAt(), "held", null, null, null, null, n.heldUntil()));
    }
    if (n.supersededBy() != null) {
      entries.add(new Entry(n.supersededAt(), "superseded", null, null, n.supersededBy(), null));
    }
    // In the order things happened: the API lists attempts in the order they were made.
    entries.add(new Entry(n.updatedAt(), "state", null, null, n.reason(), n.state()));
    return new Timeline(entries);
  }
}

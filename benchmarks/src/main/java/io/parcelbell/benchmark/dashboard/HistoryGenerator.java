package io.parcelbell.benchmark.dashboard;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * Notification documents as report-service's NotificationStore leaves them once their events and
 * reports have been applied ({@code ensure}, {@code addAttempt}, {@code settleAttempt}, {@code
 * moveState}, the published marks), and the stored Bizgo report of every reported attempt as
 * RawReportStore keeps it (30 days). The same seed gives the same history. Mix: SENT 92 % (one in
 * ten after a failed AlimTalk), DEAD_LETTER 5 % (64016/64008/22000 then 23000, A306 or EXPIRED on
 * the final channel), SUPERSEDED 2 %, HELD 0.5 % (the last 12 hours), PENDING 0.5 % (requested in
 * the last 8 minutes, as in a healthy service: some come due for the sweeper's inquiry while the
 * benchmark runs, which fails here without Bizgo); the ended ones 70 % in the last 7 days, 30 % 7
 * to 30 days old.
 */
final class HistoryGenerator {

  /** One notification and the Bizgo reports stored for its attempts. */
  record Generated(Document notification, List<Document> reports, NotificationState state) {}

  private static final String[] COURIERS = {"cj", "hanjin", "lotte", "logen", "epost"};
  private static final String[] STATUSES = {"DELIVERED", "OUT_FOR_DELIVERY", "PICKED_UP"};

  private final SplittableRandom random;
  private final Instant now;
  private long msgKeys;

  HistoryGenerator(long seed, Instant now) {
    this.random = new SplittableRandom(seed);
    this.now = now;
  }

  Generated next(int i) {
    double p = random.nextDouble();
    NotificationState state =
        p < 0.005
            ? NotificationState.HELD
            : p < 0.01
                ? NotificationState.PENDING
                : p < 0.03
                    ? NotificationState.SUPERSEDED
                    : p < 0.08 ? NotificationState.DEAD_LETTER : NotificationState.SENT;
    Instant created =
        switch (state) {
          case HELD -> ago(Duration.ofHours(12));
          case PENDING -> ago(Duration.ofMinutes(8));
          default ->
              now.minus(Duration.ofMinutes(2))
                  .minusMillis(
                      random.nextLong(
                          random.nextDouble() < 0.7
                              ? Duration.ofDays(7).toMillis()
                              : Duration.ofDays(30).toMillis()));
        };
    String courier = COURIERS[i % COURIERS.length];
    String tracking = String.valueOf(600_000_000_000L + i);
    String status = STATUSES[random.nextInt(STATUSES.length)];
    var history =
        new NotificationHistory(
            NotificationIds.of(courier, tracking, status), created, random, now, () -> ++msgKeys);
    switch (state) {
      case SENT -> sent(history);
      case DEAD_LETTER -> deadLetter(history);
      case PENDING -> pending(history);
      case SUPERSEDED -> history.end(history.within(created, 3_600_000, 9 * 3_600_000), 1);
      case HELD -> {}
    }
    String reason =
        switch (state) {
          case SUPERSEDED -> "superseded by " + NotificationIds.of(courier, tracking, "DELIVERED");
          case DEAD_LETTER -> history.reason;
          default -> null;
        };
    String last4 = "%04d".formatted(random.nextInt(10_000));
    // The fields in the order ensure's upsert writes them, then the later changes.
    Document doc =
        new Document("_id", history.id)
            .append("courierCode", courier)
            .append("trackingNumber", tracking)
            .append("shipmentStatus", status)
            .append("state", state.name())
            .append("reason", reason)
            .append("attempts", history.attempts)
            .append("createdAt", Date.from(created))
            .append("updatedAt", Date.from(history.updatedAt))
            .append("version", history.version)
            .append("orderId", "ORD-" + (20_260_000_000L + i))
            .append("recipient", "010-****-" + last4)
            .append("recipientLast4", last4);
    if (state.isFinal()) {
      doc.append("endedAt", Date.from(history.updatedAt));
    }
    if (state == NotificationState.SENT || state == NotificationState.DEAD_LETTER) {
      doc.append("outcomePublished", true);
    }
    return new Generated(doc, history.reports, state);
  }

  /** AlimTalk delivered; one in ten fails first (mostly 64016, not a KakaoTalk user). */
  private void sent(NotificationHistory h) {
    Instant at = h.createdAt.minusMillis(20);
    if (random.nextDouble() < 0.10) {
      at = h.reported(h.accepted(Channel.ALIMTALK, false, at), failedAlimTalk(), at);
      at = h.reported(h.accepted(fallback(), true, at), "10000", at);
    } else {
      at = h.reported(h.accepted(Channel.ALIMTALK, false, at), "10000", at);
    }
    h.end(at, 1);
  }

  private void deadLetter(NotificationHistory h) {
    Instant at = h.createdAt.minusMillis(20);
    at = h.reported(h.accepted(Channel.ALIMTALK, false, at), failedAlimTalk(), at);
    double p = random.nextDouble();
    boolean canHaveExpired = h.createdAt.isBefore(now.minus(Duration.ofHours(25)));
    if (p < 0.15) {
      at = h.rejected(Channel.SMS, at.plusMillis(80), "A306", "invalid recipient number");
    } else if (p < 0.30 && canHaveExpired) {
      at = h.expired(h.accepted(Channel.SMS, true, at), at);
    } else {
      at = h.reported(h.accepted(fallback(), true, at), "23000", at);
    }
    h.end(at, 1);
  }

  /** Requested minutes ago and not reported yet; one in five after a failed AlimTalk. */
  private void pending(NotificationHistory h) {
    Instant at = h.createdAt.minusMillis(20);
    if (random.nextDouble() < 0.2) {
      at = h.reported(h.accepted(Channel.ALIMTALK, false, at), "64016", at);
      h.accepted(Channel.SMS, true, at.plusMillis(80));
    } else {
      h.accepted(Channel.ALIMTALK, false, at);
    }
  }

  private String failedAlimTalk() {
    double p = random.nextDouble();
    return p < 0.75 ? "64016" : p < 0.85 ? "64008" : "22000";
  }

  private Channel fallback() {
    return random.nextDouble() < 0.7 ? Channel.SMS : Channel.LMS;
  }

  private Instant ago(Duration within) {
    return now.minusMillis(1 + random.nextLong(within.toMillis()));
  }
}

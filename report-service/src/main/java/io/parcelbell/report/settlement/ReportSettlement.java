package io.parcelbell.report.settlement;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies a stored delivery report to its attempt, and the attempt's fate to its notification.
 *
 * <p>Both the report webhook and the dispatch event call this after writing their own fact, so
 * whichever comes second combines them. Every step is a conditional update: applying a report twice
 * (or concurrently) changes the document once, and only the call that changed it publishes.
 */
@Component
public class ReportSettlement {

  private static final EnumSet<NotificationState> OPEN =
      EnumSet.of(NotificationState.HELD, NotificationState.PENDING);

  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final OutcomePublisher publisher;
  private final Clock clock;

  ReportSettlement(
      NotificationStore notifications,
      RawReportStore reports,
      OutcomePublisher publisher,
      Clock clock) {
    this.notifications = notifications;
    this.reports = reports;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Applies every report that arrived before its attempt was dispatched. */
  public Mono<Void> applyWaiting(String msgKey) {
    return reports.findUnapplied(msgKey).concatMap(this::apply).then();
  }

  /** Completes empty, leaving the report unapplied, while its attempt is unknown. */
  public Mono<Void> apply(RawReport report) {
    Instant now = clock.instant();
    String msgKey = report.msgKey();
    return notifications
        .settleAttempt(
            msgKey,
            ReportCodes.attemptStateOf(report.reportCode()),
            report.reportCode(),
            report.reportText(),
            report.reportedAt(),
            now)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            settledNow ->
                settledNow
                    .map(Mono::just)
                    .orElseGet(() -> notifications.findByMsgKey(msgKey))
                    .flatMap(doc -> combine(report, doc, settledNow.isPresent(), now)));
  }

  private Mono<Void> combine(
      RawReport report, NotificationDocument doc, boolean settledNow, Instant now) {
    AttemptDocument attempt = doc.attempt(report.msgKey()).orElseThrow();
    if (attempt.state() == AttemptState.PENDING) {
      // The attempt was added between our update and our read: its report applies now.
      return apply(report);
    }
    return settleNotification(doc, report.msgKey(), settledNow, now)
        .then(reports.markApplied(report.id(), now));
  }

  /**
   * Settles a PENDING attempt that never got a report, not even through the inquiry API, as
   * EXPIRED: a failure, so on the final channel the notification becomes DEAD_LETTER.
   */
  public Mono<Void> expire(String msgKey, String reason) {
    Instant now = clock.instant();
    return notifications
        .settleAttempt(msgKey, AttemptState.EXPIRED, null, reason, now, now)
        .flatMap(doc -> settleNotification(doc, msgKey, true, now));
  }

  /**
   * Derived from the settled attempt rather than from a report, so re-applying any report of a
   * settled attempt also repairs a notification whose own update was interrupted.
   */
  private Mono<Void> settleNotification(
      NotificationDocument doc, String msgKey, boolean settledNow, Instant now) {
    return conclude(doc, doc.attempt(msgKey).orElseThrow(), now)
        .flatMap(
            moved -> {
              NotificationDocument after = moved.orElse(doc);
              AttemptDocument settled = after.attempt(msgKey).orElseThrow();
              Mono<Void> attemptEvent =
                  settledNow ? publisher.attemptSettled(after, settled) : Mono.empty();
              Mono<Void> notificationEvent =
                  moved.isPresent() ? publisher.notificationSettled(after, settled) : Mono.empty();
              return attemptEvent.then(notificationEvent);
            });
  }

  private Mono<Optional<NotificationDocument>> conclude(
      NotificationDocument doc, AttemptDocument attempt, Instant now) {
    Mono<NotificationDocument> moved = Mono.empty();
    if (attempt.state() == AttemptState.DELIVERED) {
      moved = notifications.moveState(doc.id(), OPEN, NotificationState.SENT, null, now);
    } else if (attempt.finalChannel()) {
      String reason = ReportCodes.reasonOf(attempt.reportCode(), attempt.reportText());
      moved = notifications.moveState(doc.id(), OPEN, NotificationState.DEAD_LETTER, reason, now);
    }
    return moved.map(Optional::of).defaultIfEmpty(Optional.empty());
  }
}

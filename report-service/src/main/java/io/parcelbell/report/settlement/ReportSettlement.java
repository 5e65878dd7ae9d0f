package io.parcelbell.report.settlement;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.store.WaitingReports;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  /** msgKeys whose waiting reports a batch of dispatches applies at once. */
  private static final int WAITING_CONCURRENCY = 64;

  private static final Logger log = LoggerFactory.getLogger(ReportSettlement.class);

  /** The states a settlement may move a notification out of (DeliveredInBulk's too). */
  static final Set<NotificationState> OPEN =
      Collections.unmodifiableSet(EnumSet.of(NotificationState.HELD, NotificationState.PENDING));

  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final WaitingReports waiting;
  private final OutcomePublisher publisher;
  private final ReportMetrics metrics;
  private final Clock clock;

  ReportSettlement(
      NotificationStore notifications,
      RawReportStore reports,
      WaitingReports waiting,
      OutcomePublisher publisher,
      ReportMetrics metrics,
      Clock clock) {
    this.notifications = notifications;
    this.reports = reports;
    this.waiting = waiting;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Applies every report that arrived before its attempt was dispatched: those noted as waiting for
   * it ({@link WaitingReports}), found by primary key.
   */
  public Mono<Void> applyWaiting(String msgKey) {
    return waiting
        .reportIdsOf(msgKey)
        .flatMapMany(reports::findUnappliedIn)
        .concatMap(this::apply)
        .then();
  }

  /**
   * {@link #applyWaiting(String)} for a batch of dispatches, asked once every one of them added its
   * attempt: one read of the notes for the batch instead of one per dispatch (most dispatches find
   * none: a report seldom overtakes its dispatch).
   */
  public Mono<Void> applyWaiting(Collection<String> msgKeys) {
    return waiting
        .reportIdsOfAny(msgKeys)
        .flatMapMany(reports::findUnappliedIn)
        // One msgKey's reports in order, different msgKeys at once (a consumer that lagged finds
        // many waiting).
        .groupBy(report -> String.valueOf(report.msgKey()))
        .flatMap(reportsOfOne -> reportsOfOne.concatMap(this::apply), WAITING_CONCURRENCY)
        .then();
  }

  /**
   * Applies the reports waiting for this notification by {@code ref}: for an attempt dispatched
   * with an {@link UnknownMsgKeys unknown msgKey}, whose reports cannot be found by msgKey.
   */
  public Mono<Void> applyWaitingFor(String notificationId) {
    return reports.findUnappliedByRef(notificationId).concatMap(this::apply).then();
  }

  /**
   * Settles what the report says and marks it applied; completes empty, leaving the report
   * unapplied, while its attempt is unknown.
   */
  public Mono<Void> apply(RawReport report) {
    return apply(report, true);
  }

  /**
   * {@link #apply}, looking for the msgKey in every notification only with {@code byMsgKeyToo} (a
   * report whose ref may be wrong): the sweeper's first retry of a report still waiting for its
   * dispatch looks by ref only.
   */
  public Mono<Void> apply(RawReport report, boolean byMsgKeyToo) {
    return settleOrWait(report, byMsgKeyToo)
        .flatMap(met -> reports.markApplied(report.id(), clock.instant()));
  }

  /**
   * {@link #apply} as a report arrives, without marking it applied (the caller marks many at once):
   * emits true once the report met its attempt, completes empty while the attempt is unknown. A
   * report naming its notification ({@code ref}) is looked for there only. Looking for its msgKey
   * in every notification as well only helps if the ref is wrong, and it is the one lookup no
   * primary key answers: on the MongoDB-wire server a read of the whole collection for every report
   * that overtook its dispatch. Such a report waits: its dispatch applies it ({@link
   * #applyWaiting}, by msgKey), or the sweeper does ({@link #apply}).
   */
  public Mono<Boolean> settle(RawReport report) {
    return settleOrWait(report, false);
  }

  /**
   * Settles the report, or notes it as waiting for its attempt and looks once more. The second look
   * closes the race with a dispatch that adds the attempt meanwhile: the dispatch reads the notes
   * after adding the attempt, we look again after writing ours, so one of us sees the other.
   */
  private Mono<Boolean> settleOrWait(RawReport report, boolean byMsgKeyToo) {
    return settle(report, byMsgKeyToo)
        .switchIfEmpty(
            Mono.defer(
                () ->
                    report.msgKey() == null
                        ? Mono.empty()
                        : waiting
                            .remember(report.msgKey(), report.id(), clock.instant())
                            .then(lookAgain(report))));
  }

  /** By its ref, cheaply: only once that notification holds the attempt is it settled again. */
  private Mono<Boolean> lookAgain(RawReport report) {
    if (report.ref() == null || report.ref().isBlank()) {
      return settle(report, false);
    }
    return notifications
        .findById(report.ref())
        .filter(doc -> doc.attempt(report.msgKey()).isPresent())
        .flatMap(doc -> settle(report, false));
  }

  private Mono<Boolean> settle(RawReport report, boolean byMsgKeyToo) {
    return applyTo(report.msgKey(), report, byMsgKeyToo)
        .switchIfEmpty(
            Mono.defer(
                () ->
                    unknownMsgKeyAttempt(report)
                        .tap(
                            InTrace.onNext(
                                marker ->
                                    log.info(
                                        "report {} matched by ref {} to attempt {}",
                                        report.id(),
                                        report.ref(),
                                        marker)))
                        .flatMap(marker -> applyTo(marker, report, byMsgKeyToo))));
  }

  /**
   * Emits true once the report met the attempt {@code attemptKey}; empty if there is none (in the
   * notification its ref names, and with {@code byMsgKeyToo} in any).
   */
  private Mono<Boolean> applyTo(String attemptKey, RawReport report, boolean byMsgKeyToo) {
    Instant now = clock.instant();
    AttemptState state = ReportCodes.attemptStateOf(report.reportCode());
    // Bizgo echoes our notification id as ref: the document is found by _id first (the primary
    // index, everywhere); by msgKey only when ref is missing or names another notification.
    String ref = report.ref() == null || report.ref().isBlank() ? null : report.ref();
    Mono<Met> byRef = ref == null ? Mono.empty() : meet(ref, attemptKey, report, state, now);
    Mono<Met> byMsgKey =
        ref == null || byMsgKeyToo
            ? Mono.defer(() -> meet(null, attemptKey, report, state, now))
            : Mono.empty();
    return byRef
        .switchIfEmpty(byMsgKey)
        .doOnNext(
            met -> {
              if (met.settledNow()) {
                metrics.attemptSettled(met.doc().attempt(attemptKey).orElseThrow());
              }
            })
        .flatMap(met -> combine(attemptKey, report, met, now, byMsgKeyToo));
  }

  /**
   * Settles the attempt in {@code notificationId} (any notification when null), or finds it already
   * there: empty when that notification has no such attempt.
   */
  private Mono<Met> meet(
      String notificationId, String attemptKey, RawReport report, AttemptState state, Instant now) {
    Mono<NotificationDocument> holding =
        notificationId == null
            ? notifications.findByMsgKey(attemptKey)
            : notifications
                .findById(notificationId)
                .filter(doc -> doc.attempt(attemptKey).isPresent());
    Mono<Met> settledAlone =
        Mono.defer(
            () ->
                notifications
                    .settleAttemptOf(
                        notificationId,
                        attemptKey,
                        state,
                        report.reportCode(),
                        report.reportText(),
                        report.reportedAt(),
                        now)
                    .map(doc -> new Met(doc, true, false))
                    .switchIfEmpty(
                        Mono.defer(() -> holding.map(doc -> new Met(doc, false, false)))));
    if (notificationId == null || state != AttemptState.DELIVERED) {
      return settledAlone;
    }
    // Delivered, and the notification known by its id: the attempt and the notification (SENT)
    // in one write when both are still open; otherwise one step after the other.
    return notifications
        .settleAttemptAndMove(
            notificationId,
            attemptKey,
            state,
            report.reportCode(),
            report.reportText(),
            report.reportedAt(),
            OPEN,
            NotificationState.SENT,
            now)
        .map(doc -> new Met(doc, true, true))
        .switchIfEmpty(settledAlone);
  }

  /**
   * The notification a report met, whether this application settled its attempt, and whether it
   * also moved the notification (in the same write).
   */
  private record Met(NotificationDocument doc, boolean settledNow, boolean movedNow) {}

  /** The marked attempt of the report's notification this report can only be about, if any. */
  private Mono<String> unknownMsgKeyAttempt(RawReport report) {
    var channel = UnknownMsgKeys.channelOf(report.serviceType(), report.msgType());
    if (report.ref() == null || report.ref().isBlank() || channel.isEmpty()) {
      return Mono.empty();
    }
    return notifications
        .findById(report.ref())
        .flatMap(doc -> Mono.justOrEmpty(UnknownMsgKeys.soleMarkedAttempt(doc, channel.get())));
  }

  private Mono<Boolean> combine(
      String attemptKey, RawReport report, Met met, Instant now, boolean byMsgKeyToo) {
    AttemptDocument attempt = met.doc().attempt(attemptKey).orElseThrow();
    if (attempt.state() == AttemptState.PENDING) {
      // The attempt was added between our update and our read: its report applies now.
      return applyTo(attemptKey, report, byMsgKeyToo);
    }
    if (met.movedNow()) {
      return publisher.attemptAndNotificationSettled(met.doc(), attempt).thenReturn(true);
    }
    return settleNotification(met.doc(), attemptKey, met.settledNow(), now).thenReturn(true);
  }

  /**
   * Settles a PENDING attempt that never got a report, not even through the inquiry API, as
   * EXPIRED: a failure, so on the final channel the notification becomes DEAD_LETTER.
   */
  public Mono<Void> expire(String notificationId, String msgKey, String reason) {
    Instant now = clock.instant();
    return notifications
        .settleAttemptOf(notificationId, msgKey, AttemptState.EXPIRED, null, reason, now, now)
        .doOnNext(doc -> metrics.attemptSettled(doc.attempt(msgKey).orElseThrow()))
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
            moved ->
                current(doc, moved, settledNow)
                    .flatMap(
                        after -> {
                          AttemptDocument settled = after.attempt(msgKey).orElseThrow();
                          if (settledNow && moved.isPresent()) {
                            return publisher.attemptAndNotificationSettled(after, settled);
                          }
                          Mono<Void> attemptEvent =
                              settledNow ? publisher.attemptSettled(after, settled) : Mono.empty();
                          Mono<Void> notificationEvent =
                              moved.isPresent()
                                  ? publisher.notificationSettled(after, settled)
                                  : Mono.empty();
                          return attemptEvent.then(notificationEvent);
                        }));
  }

  /**
   * The notification the attempt's event describes. When our move did not apply, another replica
   * may have moved the notification since {@code doc} was read: read it again rather than publish a
   * state it no longer has.
   */
  private Mono<NotificationDocument> current(
      NotificationDocument doc, Optional<NotificationDocument> moved, boolean settledNow) {
    if (moved.isPresent()) {
      return Mono.just(moved.get());
    }
    return settledNow ? notifications.findById(doc.id()).defaultIfEmpty(doc) : Mono.just(doc);
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

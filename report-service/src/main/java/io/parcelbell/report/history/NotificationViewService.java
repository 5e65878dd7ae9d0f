package io.parcelbell.report.history;

import io.parcelbell.contracts.UnknownMsgKey;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.settlement.OutcomePublisher;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Projects the notifier's lifecycle events onto the notification documents. No event can move a
 * notification backwards: each write is conditional on the state it may leave.
 */
@Component
class NotificationViewService {

  private static final Logger log = LoggerFactory.getLogger(NotificationViewService.class);

  /** Applying a batch's waiting reports; past it they are left to the sweeper. */
  private static final Duration WAITING_TIMEOUT = Duration.ofSeconds(30);

  private static final EnumSet<NotificationState> OPEN =
      EnumSet.of(NotificationState.HELD, NotificationState.PENDING);
  private static final EnumSet<NotificationState> FINAL =
      EnumSet.of(
          NotificationState.SENT, NotificationState.DEAD_LETTER, NotificationState.SUPERSEDED);

  private final NotificationStore store;
  private final ReportSettlement settlement;
  private final OutcomePublisher publisher;
  private final ReportMetrics metrics;
  private final Clock clock;

  NotificationViewService(
      NotificationStore store,
      ReportSettlement settlement,
      OutcomePublisher publisher,
      ReportMetrics metrics,
      Clock clock) {
    this.store = store;
    this.settlement = settlement;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  Mono<Void> dispatched(NotificationDispatched event) {
    Instant now = clock.instant();
    var seed =
        new NotificationSeed(
            event.notificationId(),
            event.courierCode(),
            event.trackingNumber(),
            event.shipmentStatus(),
            event.orderId(),
            event.maskedRecipient());
    var attempt =
        new AttemptDocument(
            event.msgKey(),
            event.channel(),
            event.attempt(),
            event.msgKey(),
            AttemptState.PENDING,
            null,
            null,
            event.finalChannel(),
            event.occurredAt(),
            null,
            null);
    Mono<NotificationDocument> heldNoMore =
        Mono.defer(
            () ->
                store.moveState(
                    seed.id(),
                    EnumSet.of(NotificationState.HELD),
                    NotificationState.PENDING,
                    null,
                    now));
    return store
        .ensureWithAttempt(seed, attempt, now)
        .flatMap(added -> sentAgain(added, attempt, now))
        // HELD → PENDING, asked of MongoDB only when the document just written says HELD (a
        // dispatch's lifecycle events come in order, so nothing else holds it meanwhile), or when
        // the attempt was there already: this dispatch is seen again, and the answer unknown.
        .map(after -> after.state() == NotificationState.HELD)
        .defaultIfEmpty(true)
        .flatMap(mayBeHeld -> mayBeHeld ? heldNoMore.then() : Mono.<Void>empty())
        // A report that overtook this event has been waiting for its attempt: applied for the
        // whole batch once every dispatch in it is projected (afterDispatches).
        // Its report names the attempt by ref only: see UnknownMsgKeys.
        .then(
            UnknownMsgKey.isMarker(event.msgKey())
                ? settlement.applyWaitingFor(seed.id()).onErrorResume(this::leaveToSweeper)
                : Mono.empty());
  }

  /**
   * After a batch's dispatches are projected (each attempt added): applies the reports that
   * overtook any of them and have been waiting for their attempt. Read after the attempts were
   * written, as the report looks again after writing its note (ReportSettlement), so one of the two
   * sees the other. A failure leaves them to the sweeper.
   */
  Mono<Void> afterDispatches(Collection<String> msgKeys) {
    List<String> known = msgKeys.stream().filter(k -> !UnknownMsgKey.isMarker(k)).toList();
    return settlement
        .applyWaiting(known)
        .timeout(WAITING_TIMEOUT)
        .onErrorResume(this::leaveToSweeper);
  }

  Mono<Void> rejected(NotificationRejected event) {
    Instant now = clock.instant();
    if (NotificationRejected.RESEND_UNAVAILABLE.equals(event.code())) {
      return store.resendRefused(event.notificationId(), event.reason(), now);
    }
    var seed =
        new NotificationSeed(
            event.notificationId(),
            event.courierCode(),
            event.trackingNumber(),
            event.shipmentStatus(),
            event.orderId(),
            event.maskedRecipient());
    AttemptDocument attempt =
        event.channel() == null
            ? null
            : new AttemptDocument(
                // The time too: a later generation numbers its attempts from 1 again.
                "rejected:"
                    + event.attempt()
                    + ":"
                    + event.channel()
                    + ":"
                    + event.occurredAt().toEpochMilli(),
                event.channel(),
                event.attempt(),
                null,
                AttemptState.FAILED,
                event.code(),
                event.reason(),
                event.terminal(),
                event.occurredAt(),
                event.occurredAt(),
                null);
    // A synchronous rejection (A306, an invalid number) is a settled attempt too: counted, so the
    // failure-rate alert sees it.
    Mono<Void> recordAttempt =
        attempt == null
            ? Mono.empty()
            : store
                .addAttempt(seed.id(), attempt, now)
                .doOnNext(added -> metrics.attemptSettled(attempt))
                .flatMap(added -> sentAgain(added, attempt, now))
                .then();
    if (!event.terminal()) {
      return store.ensure(seed, NotificationState.PENDING, null, now).then(recordAttempt);
    }
    String reason =
        event.reason() == null || event.reason().isBlank() ? event.code() : event.reason();
    // Synchronous rejections are the notifier's own knowledge (it already fell back), so only the
    // notification's end is published, never the attempt.
    return store
        .ensure(seed, NotificationState.PENDING, null, now)
        .then(recordAttempt)
        .then(store.moveState(seed.id(), OPEN, NotificationState.DEAD_LETTER, reason, now))
        .flatMap(
            dead ->
                publisher.notificationSettled(dead, attempt).onErrorResume(this::leaveToSweeper));
  }

  /**
   * The event itself is projected; what failed after it (applying a waiting report, publishing) is
   * recorded as unapplied / unpublished and redone by the sweeper. Failing the record instead would
   * only retry a no-op and then dead-letter an event that was processed.
   */
  private Mono<Void> leaveToSweeper(Throwable e) {
    return InTrace.run(
        () -> log.warn("projected, follow-up left to the sweeper: {}", e.toString()));
  }

  Mono<Void> held(NotificationHeld event) {
    var seed =
        new NotificationSeed(
            event.notificationId(),
            event.courierCode(),
            event.trackingNumber(),
            event.shipmentStatus(),
            event.orderId(),
            event.maskedRecipient());
    Instant now = clock.instant();
    // A new document starts HELD. An existing one is past it (or still in it) - unless it had ended
    // and is now held again (an operator's resend, a later generation): HELD until released.
    return store
        .ensure(seed, NotificationState.HELD, null, now)
        .then(store.recordHold(seed.id(), event.occurredAt(), event.releaseAt()))
        .then(store.findById(seed.id()))
        .filter(
            doc ->
                doc.state().isFinal()
                    && doc.endedAt() != null
                    && event.occurredAt().isAfter(doc.endedAt()))
        .flatMap(
            doc ->
                store.moveStateIfUnchanged(
                    doc.id(), doc.version(), FINAL, NotificationState.HELD, null, now))
        .then();
  }

  /**
   * A new attempt requested after the notification had ended: the notifier sent the same status
   * again - a later generation once its dedup window had passed (a courier repeating a status a day
   * later), or a tracking number reused after the notifier's retention forgot it (attempt numbers
   * start at 1 again then, so time decides, not the number). The history tells the newest message's
   * fate: PENDING again until that attempt settles; the earlier attempts stay in it.
   */
  private Mono<NotificationDocument> sentAgain(
      NotificationDocument doc, AttemptDocument added, Instant now) {
    Instant ended = doc.endedAt() != null ? doc.endedAt() : doc.updatedAt();
    if (!doc.state().isFinal()
        || ended == null
        || added.requestedAt() == null
        || !added.requestedAt().isAfter(ended)) {
      return Mono.just(doc);
    }
    return InTrace.run(
            () ->
                log.info(
                    "{} was {} and is sent again (attempt {}): PENDING until it settles",
                    doc.id(),
                    doc.state(),
                    added.attempt()))
        .then(
            store.moveStateIfUnchanged(
                doc.id(), doc.version(), FINAL, NotificationState.PENDING, null, now))
        .defaultIfEmpty(doc);
  }

  Mono<Void> superseded(NotificationSuperseded event) {
    Instant now = clock.instant();
    var seed =
        new NotificationSeed(
            event.notificationId(),
            event.courierCode(),
            event.trackingNumber(),
            event.shipmentStatus(),
            event.orderId(),
            null);
    String reason = "superseded by " + event.supersededBy();
    return store
        .ensure(seed, NotificationState.SUPERSEDED, reason, now)
        .then(
            store.moveState(
                seed.id(),
                EnumSet.of(NotificationState.HELD),
                NotificationState.SUPERSEDED,
                reason,
                now))
        .switchIfEmpty(
            Mono.defer(
                () -> store.findById(seed.id()).flatMap(doc -> supersedePending(doc, reason, now))))
        // Only where it did end SUPERSEDED by this event (not when the report decides instead).
        .then(store.recordSuperseded(seed.id(), event.supersededBy(), reason, event.occurredAt()))
        .then();
  }

  /**
   * The notifier supersedes only what Bizgo never accepted. A PENDING notification without an
   * accepted attempt (one with a msgKey) is therefore superseded; one with an accepted attempt was
   * sent after all, and its reports decide its fate (the event is logged and ignored).
   */
  private Mono<NotificationDocument> supersedePending(
      NotificationDocument doc, String reason, Instant now) {
    if (doc.state() != NotificationState.PENDING) {
      return Mono.empty();
    }
    if (doc.attempts().stream().anyMatch(a -> a.msgKey() != null)) {
      return InTrace.run(
          () ->
              log.warn(
                  "{} superseded after Bizgo accepted it: ignored, its reports decide", doc.id()));
    }
    return store.moveStateIfUnchanged(
        doc.id(),
        doc.version(),
        EnumSet.of(NotificationState.PENDING),
        NotificationState.SUPERSEDED,
        reason,
        now);
  }
}

package io.parcelbell.report.settlement;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code NotificationSettled} to the outcome topic and then marks it published on the
 * document. The event id is derived from (notification, msgKey, state, scope), so a settlement the
 * sweeper re-publishes after a crash between the two steps is recognisably the same event.
 */
@Component
public class OutcomePublisher {

  private static final Logger log = LoggerFactory.getLogger(OutcomePublisher.class);

  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final NotificationStore store;
  private final Clock clock;

  OutcomePublisher(
      KafkaTemplate<String, ParcelbellEvent> kafka, NotificationStore store, Clock clock) {
    this.kafka = kafka;
    this.store = store;
    this.clock = clock;
  }

  /** One attempt got its fate; {@code notification} is the document after it. */
  public Mono<Void> attemptSettled(NotificationDocument notification, AttemptDocument attempt) {
    return publishAttempt(notification, attempt)
        .then(store.markAttemptPublished(notification.id(), attempt.msgKey()));
  }

  /**
   * {@link #attemptSettled} and then {@link #notificationSettled} for the attempt that decided the
   * notification, with both marks in one write.
   */
  public Mono<Void> attemptAndNotificationSettled(
      NotificationDocument notification, AttemptDocument decidedBy) {
    return publishAttempt(notification, decidedBy)
        .then(publishOutcome(notification, decidedBy))
        .then(store.markAttemptAndOutcomePublished(notification.id(), decidedBy.msgKey()));
  }

  /**
   * A notification and the attempt that settled it, for {@link
   * #allAttemptsAndNotificationsSettled}.
   */
  public record Settled(NotificationDocument notification, AttemptDocument decidedBy) {}

  /**
   * {@link #attemptAndNotificationSettled} for many notifications: their events sent concurrently,
   * then the marks of all that Kafka acknowledged in one write. One that Kafka refused stays
   * unmarked, for the sweeper to publish again; so does every one if the marks cannot be written.
   */
  public Mono<Void> allAttemptsAndNotificationsSettled(List<Settled> settled) {
    return Flux.fromIterable(settled)
        .flatMap(
            s ->
                publishAttempt(s.notification(), s.decidedBy())
                    .then(publishOutcome(s.notification(), s.decidedBy()))
                    .thenReturn(
                        new NotificationStore.Published(
                            s.notification().id(), s.decidedBy().msgKey()))
                    .onErrorResume(
                        e ->
                            InTrace.run(
                                () ->
                                    log.warn(
                                        "settlement of {} not on Kafka yet, the sweeper retries: {}",
                                        s.notification().id(),
                                        e.toString()))),
            Math.max(1, settled.size()))
        .collectList()
        .flatMap(store::markAllAttemptAndOutcomePublished);
  }

  /** The notification reached SENT or DEAD_LETTER; {@code decidedBy} may be null. */
  public Mono<Void> notificationSettled(
      NotificationDocument notification, AttemptDocument decidedBy) {
    return publishOutcome(notification, decidedBy)
        .then(store.markOutcomePublished(notification.id()));
  }

  private Mono<Void> publishAttempt(NotificationDocument n, AttemptDocument a) {
    return publish(n, a, SettlementScope.ATTEMPT, a.state().name(), a.msgKey());
  }

  private Mono<Void> publishOutcome(NotificationDocument n, AttemptDocument decidedBy) {
    String key = decidedBy == null ? "" : decidedBy.key();
    return publish(n, decidedBy, SettlementScope.NOTIFICATION, n.state().name(), key);
  }

  private Mono<Void> publish(
      NotificationDocument n, AttemptDocument a, SettlementScope scope, String state, String key) {
    var event =
        new NotificationSettled(
            EventIds.of(n.id(), key, state, scope.name()),
            n.id(),
            n.courierCode(),
            n.trackingNumber(),
            n.shipmentStatus(),
            n.orderId(),
            scope,
            a == null ? null : a.channel(),
            a == null ? null : a.msgKey(),
            a == null ? null : a.state(),
            a == null ? null : a.reportCode(),
            a == null ? null : a.reportText(),
            a == null ? null : a.reportedAt(),
            n.state(),
            n.reason(),
            clock.instant());
    // send() can block on broker metadata: keep it off event-loop and driver threads.
    // InTrace: the send's observation continues the record's trace into the event's headers.
    return InTrace.call(
            () ->
                Mono.fromFuture(
                    kafka.send(Topics.NOTIFICATION_OUTCOME, event.shipmentKey(), event)))
        .subscribeOn(Schedulers.boundedElastic())
        // The acknowledgement completes on the producer's one network thread: what follows (the
        // MongoDB marks, the next report) must not run there and hold up every other send.
        .publishOn(Schedulers.parallel())
        .tap(InTrace.onSuccess(sent -> logSettled(n, a, scope)))
        .then();
  }

  /**
   * One INFO line per notification (its end, with the msgKey), and one per attempt that did not
   * deliver (the way to a fallback or a dead letter). A delivered attempt is said by its
   * notification's line: at DEBUG, as a second line for every notification sent cost about 3 % of
   * report-service's CPU in the end-to-end benchmark.
   */
  private static void logSettled(NotificationDocument n, AttemptDocument a, SettlementScope scope) {
    boolean attempt = scope == SettlementScope.ATTEMPT;
    Object state = attempt ? stateOf(a) : n.state();
    String msgKey = a == null ? "-" : a.msgKey();
    if (attempt && state == AttemptState.DELIVERED) {
      log.debug("settled {} {} {} -> {}", scope, n.id(), msgKey, state);
    } else {
      log.info("settled {} {} {} -> {}", scope, n.id(), msgKey, state);
    }
  }

  private static AttemptState stateOf(AttemptDocument attempt) {
    return attempt == null ? null : attempt.state();
  }
}

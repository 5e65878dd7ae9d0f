package io.parcelbell.report.resend;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.report.store.NotificationDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An operator's resend of a dead-lettered notification: checked here, carried out by the notifier
 * (ResendRequested on the commands topic), recorded in the audit log.
 *
 * <p>The command id is derived from the ending being resent ({@code endedAt}), so every click on
 * one dead letter sends the same command and the notifier acts on it once. The command goes to
 * Kafka first; then one conditional write marks the ending as resent, and only the request that
 * made that mark is audited and answered REQUESTED — a second click answers ALREADY_REQUESTED and
 * changes nothing. A crash between the two leaves a command without a mark: the next click sends
 * the same command again (harmless) and marks it.
 */
@Component
class ResendRequests {

  static final String RESEND_OF = "resendOf";
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

  private final ReactiveMongoTemplate mongo;
  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final AuditTrail audit;
  private final Clock clock;

  ResendRequests(
      ReactiveMongoTemplate mongo,
      KafkaTemplate<String, ParcelbellEvent> kafka,
      AuditTrail audit,
      Clock clock) {
    this.mongo = mongo;
    this.kafka = kafka;
    this.audit = audit;
    this.clock = clock;
  }

  Mono<ResendAnswer> request(String id, ServerWebExchange exchange) {
    return mongo
        .findById(id, NotificationDocument.class, NotificationDocument.COLLECTION)
        .switchIfEmpty(
            Mono.error(
                () ->
                    new ResendRefusedException("NOTIFICATION_NOT_FOUND", "no notification " + id)))
        .flatMap(n -> resend(n, exchange));
  }

  private Mono<ResendAnswer> resend(NotificationDocument n, ServerWebExchange exchange) {
    if (n.state() != NotificationState.DEAD_LETTER) {
      return Mono.error(
          new ResendRefusedException(
              "NOT_DEAD_LETTER",
              "only a DEAD_LETTER notification can be resent; this one is " + n.state()));
    }
    if (n.attempts().stream().noneMatch(a -> a.msgKey() != null)) {
      return Mono.error(
          new ResendRefusedException(
              "RESEND_NOT_USEFUL",
              "it never reached the provider ("
                  + n.reason()
                  + "); a resend would fail the same way"));
    }
    String commandId =
        "resend:" + n.id() + ":" + (n.endedAt() == null ? n.version() : n.endedAt().toEpochMilli());
    return ReactiveSecurityCaller.subject()
        .flatMap(
            subject -> {
              var command =
                  new ResendRequested(
                      commandId,
                      n.id(),
                      n.courierCode(),
                      n.trackingNumber(),
                      n.shipmentStatus(),
                      subject,
                      clock.instant());
              return Mono.fromFuture(
                      () ->
                          kafka.send(Topics.NOTIFICATION_COMMANDS, command.shipmentKey(), command))
                  .subscribeOn(Schedulers.boundedElastic())
                  .timeout(KAFKA_TIMEOUT)
                  .onErrorMap(
                      e ->
                          new ResendRefusedException(
                              "KAFKA_UNAVAILABLE", "the resend could not be handed on; try again"))
                  .publishOn(Schedulers.parallel())
                  .then(mark(n, commandId))
                  .flatMap(
                      marked ->
                          marked
                              ? audit
                                  .record(
                                      exchange,
                                      AuditActions.NOTIFICATION_RESEND,
                                      new AuditTarget("notification", n.id()),
                                      Map.of("commandId", commandId))
                                  .thenReturn(new ResendAnswer(n.id(), "REQUESTED", commandId))
                              : Mono.just(
                                  new ResendAnswer(n.id(), "ALREADY_REQUESTED", commandId)));
            });
  }

  /** True for the one request that marks this ending as resent. */
  private Mono<Boolean> mark(NotificationDocument n, String commandId) {
    return mongo
        .updateFirst(
            Query.query(
                where("_id")
                    .is(n.id())
                    .and("state")
                    .is(NotificationState.DEAD_LETTER.name())
                    .and(RESEND_OF)
                    .ne(commandId)),
            Update.update(RESEND_OF, commandId),
            NotificationDocument.COLLECTION)
        .map(result -> result.getModifiedCount() == 1);
  }
}

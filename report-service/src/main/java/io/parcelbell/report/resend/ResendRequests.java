package io.parcelbell.report.resend;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.contracts.codes.FailureCodes;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An operator's resend of a dead-lettered notification: checked here, carried out by the notifier
 * (ResendRequested on the commands topic), recorded in the audit log.
 *
 * <p>Order of the steps, so a resend is neither lost, nor done twice, nor done unaudited: (1) one
 * conditional write on the notification marks its current ending as resent and stores the command
 * (an outbox: {@code resend.published} false) - only the request that makes the mark goes on, every
 * other click answers ALREADY_REQUESTED and does nothing; (2) the audit record - if it cannot be
 * written, the mark is taken back and the answer is 503, so nothing happens unaudited; (3) the
 * command goes to Kafka; if Kafka does not take it within seconds, {@link ResendCommandRelay}
 * publishes it later. The notifier acts once per ending whatever the number of deliveries
 * (ResendRequested#afterAttempt). A mark that did not lead anywhere within {@link #STALE} (the
 * notification still DEAD_LETTER with the same last attempt) no longer blocks a new request.
 */
@Component
class ResendRequests {

  static final Duration STALE = Duration.ofMinutes(10);
  private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ResendRequests.class);

  private final ReactiveMongoTemplate mongo;
  private final ResendCommands commands;
  private final AuditTrail audit;
  private final Clock clock;

  ResendRequests(
      ReactiveMongoTemplate mongo, ResendCommands commands, AuditTrail audit, Clock clock) {
    this.mongo = mongo;
    this.commands = commands;
    this.audit = audit;
    this.clock = clock;
  }

  /** The code the latest attempt ended with (the failure-code dictionary's key). */
  private static String lastCode(NotificationDocument n) {
    return n.attempts().stream()
        .max(java.util.Comparator.comparingInt(AttemptDocument::attempt))
        .map(AttemptDocument::reportCode)
        .orElse(null);
  }

  Mono<ResendAnswer> request(String id, ServerWebExchange exchange) {
    return mongo
        .findById(id, NotificationDocument.class, NotificationDocument.COLLECTION)
        .timeout(MONGO_TIMEOUT)
        .switchIfEmpty(
            Mono.error(
                () ->
                    new ResendRefusedException("NOTIFICATION_NOT_FOUND", "no notification " + id)))
        .flatMap(n -> AuditTrail.caller().flatMap(who -> resend(n, who.subject(), exchange)));
  }

  private Mono<ResendAnswer> resend(
      NotificationDocument n, String requestedBy, ServerWebExchange exchange) {
    if (n.state() != NotificationState.DEAD_LETTER) {
      return Mono.error(
          new ResendRefusedException(
              "NOT_DEAD_LETTER",
              "only a DEAD_LETTER notification can be resent; this one is " + n.state()));
    }
    if (n.attempts().isEmpty()) {
      // The notifier refused it before any attempt: no mobile number to send to.
      return Mono.error(
          new ResendRefusedException(
              "RESEND_NOT_USEFUL",
              "it was never sent (" + n.reason() + "); a resend would fail the same way"));
    }
    String lastCode = lastCode(n);
    if (!FailureCodes.resendHelps(lastCode)) {
      return Mono.error(
          new ResendRefusedException(
              "RESEND_NOT_USEFUL",
              "its last attempt ended with "
                  + lastCode
                  + ", which a resend to the same number would end with again"));
    }
    Instant now = clock.instant();
    var command =
        new ResendRequested(
            UUID.randomUUID().toString(),
            n.id(),
            n.courierCode(),
            n.trackingNumber(),
            n.shipmentStatus(),
            n.lastAttemptNumber(),
            requestedBy,
            now);
    return mark(command, now)
        .flatMap(
            marked ->
                marked
                    ? auditThenPublish(command, exchange)
                    : Mono.just(new ResendAnswer(n.id(), "ALREADY_REQUESTED", null)));
  }

  /** True for the one request that marks this ending (dead letter, same last attempt) resent. */
  private Mono<Boolean> mark(ResendRequested command, Instant now) {
    String resend = NotificationStore.RESEND;
    Query unmarked =
        Query.query(
            where("_id")
                .is(command.notificationId())
                .and("state")
                .is(NotificationState.DEAD_LETTER.name())
                .orOperator(
                    where(resend + ".afterAttempt").ne(command.afterAttempt()),
                    where(resend + ".requestedAt").lt(Date.from(now.minus(STALE)))));
    Update mark =
        Update.update(resend, ResendCommands.toDocument(command)).set("updatedAt", Date.from(now));
    return mongo
        .updateFirst(unmarked, mark, NotificationDocument.COLLECTION)
        .timeout(MONGO_TIMEOUT)
        .map(result -> result.getModifiedCount() == 1);
  }

  private Mono<ResendAnswer> auditThenPublish(ResendRequested command, ServerWebExchange exchange) {
    return audit
        .record(
            exchange,
            AuditActions.NOTIFICATION_RESEND,
            new AuditTarget("notification", command.notificationId()),
            Map.of("commandId", command.eventId(), "afterAttempt", "" + command.afterAttempt()))
        .onErrorResume(failed -> unmark(command).then(Mono.error(failed)))
        .then(commands.publish(command).onErrorResume(this::leaveToRelay))
        .thenReturn(new ResendAnswer(command.notificationId(), "REQUESTED", command.eventId()));
  }

  /** Takes back a mark whose audit record failed: the resend is refused as a whole. */
  private Mono<Void> unmark(ResendRequested command) {
    return mongo
        .updateFirst(
            Query.query(
                where("_id")
                    .is(command.notificationId())
                    .and(NotificationStore.RESEND + ".commandId")
                    .is(command.eventId())),
            new Update().unset(NotificationStore.RESEND),
            NotificationDocument.COLLECTION)
        .timeout(MONGO_TIMEOUT)
        .tap(
            InTrace.onError(
                e ->
                    log.error(
                        "resend {} of {}: audit failed and the mark could not be taken back; the"
                            + " relay will send it unaudited",
                        command.eventId(),
                        command.notificationId(),
                        e)))
        .onErrorComplete()
        .then();
  }

  private Mono<Void> leaveToRelay(Throwable e) {
    return InTrace.run(
        () -> log.warn("resend command not yet on Kafka, the relay sends it: {}", e.toString()));
  }

  static Criteria unpublished(Instant before) {
    return where(NotificationStore.RESEND + ".published")
        .is(false)
        .and(NotificationStore.RESEND + ".requestedAt")
        .lt(Date.from(before));
  }
}

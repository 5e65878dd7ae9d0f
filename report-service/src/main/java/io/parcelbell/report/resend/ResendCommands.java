package io.parcelbell.report.resend;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Resend commands: their stored form (the outbox on the notification) and their publication. */
@Component
class ResendCommands {

  static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final ReactiveMongoTemplate mongo;

  ResendCommands(KafkaTemplate<String, ParcelbellEvent> kafka, ReactiveMongoTemplate mongo) {
    this.kafka = kafka;
    this.mongo = mongo;
  }

  /** Puts the command on Kafka, then notes on the notification that Kafka has it. */
  Mono<Void> publish(ResendRequested command) {
    // InTrace: the operator's request's trace continues into the command's headers.
    return InTrace.call(
            () ->
                Mono.fromFuture(
                    kafka.send(Topics.NOTIFICATION_COMMANDS, command.shipmentKey(), command)))
        // send() can block on broker metadata: not on an event-loop thread.
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(KAFKA_TIMEOUT)
        .publishOn(Schedulers.parallel())
        .then(
            mongo
                .updateFirst(
                    Query.query(
                        where("_id")
                            .is(command.notificationId())
                            .and(NotificationStore.RESEND + ".commandId")
                            .is(command.eventId())),
                    Update.update(NotificationStore.RESEND + ".published", true),
                    NotificationDocument.COLLECTION)
                .then());
  }

  static Document toDocument(ResendRequested c) {
    return new Document("commandId", c.eventId())
        .append("afterAttempt", c.afterAttempt())
        .append("requestedBy", c.requestedBy())
        .append("requestedAt", Date.from(c.occurredAt()))
        .append("published", false);
  }

  /** The command stored on a notification document (read raw: the mapped record omits it). */
  static ResendRequested fromStored(Document notification) {
    Document resend = notification.get(NotificationStore.RESEND, Document.class);
    return new ResendRequested(
        resend.getString("commandId"),
        notification.getString("_id"),
        notification.getString("courierCode"),
        notification.getString("trackingNumber"),
        notification.getString("shipmentStatus"),
        resend.getInteger("afterAttempt"),
        resend.getString("requestedBy"),
        resend.getDate("requestedAt").toInstant());
  }
}

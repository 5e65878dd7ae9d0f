package io.parcelbell.flow.activity;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.tracing.InTrace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes activity events on {@code parcelbell.flow-activity.v1} from the documents that hold
 * them ({@link PendingActivity}): at once after the change, and again from a relay for whatever
 * Kafka did not take then. At least once; each event's id is derived from its change, so consumers
 * deduplicate.
 */
@Component
public class ActivityPublisher {

  /** The collections whose documents carry pending activity. */
  public static final List<String> COLLECTIONS = List.of("runs", "deliveries", "destinations");

  private static final Logger log = LoggerFactory.getLogger(ActivityPublisher.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

  private final java.util.Queue<Published> published =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  ActivityPublisher(
      KafkaTemplate<String, ParcelbellEvent> kafka, ReactiveMongoTemplate mongo, Clock clock) {
    this.kafka = kafka;
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Sends the events; once Kafka has one it is removed from its document by the next bulk clearing
   * ({@link #clearPublished}, a fraction of a second later, one command per collection for all
   * events published meanwhile). A failure leaves them for the relay and is not the caller's
   * failure (the change itself is done); a replica that stops before clearing has them published
   * again by the relay (at least once: consumers deduplicate on the event id).
   */
  public Mono<Void> publish(String collection, String id, List<PendingActivity> events) {
    return Flux.fromIterable(events)
        .concatMap(
            pending ->
                // The trace of the record or request that made the change, when there is one.
                InTrace.call(
                        () -> {
                          ParcelbellEvent event = pending.event();
                          return Mono.fromFuture(
                              kafka.send(Topics.FLOW_ACTIVITY, event.shipmentKey(), event));
                        })
                    // send() may block for metadata (Kafka away): never on a MongoDB driver or
                    // Netty thread.
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(SEND_TIMEOUT)
                    .doOnSuccess(
                        sent -> published.add(new Published(collection, id, pending.eventId()))))
        .then()
        .onErrorResume(
            e -> {
              log.warn("activity of {} {} not published yet: {}", collection, id, e.toString());
              return Mono.empty();
            });
  }

  /** An event Kafka has, still to be removed from its document. */
  private record Published(String collection, String id, String eventId) {}

  /** Removes the published events from their documents: one bulk command per collection. */
  @Scheduled(fixedDelayString = "${parcelbell.flow.activity-clear-interval:200ms}")
  public void clearPublished() {
    Map<String, List<Published>> byCollection = new HashMap<>();
    for (Published p = published.poll(); p != null; p = published.poll()) {
      byCollection.computeIfAbsent(p.collection(), c -> new ArrayList<>()).add(p);
    }
    byCollection.forEach(
        (collection, done) -> {
          var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
          done.forEach(
              p ->
                  bulk.updateOne(
                      Query.query(Criteria.where("_id").is(p.id())),
                      new Update()
                          .pull(PendingActivity.FIELD, new Document("eventId", p.eventId()))));
          try {
            bulk.execute().block(Duration.ofSeconds(30));
          } catch (RuntimeException e) {
            // Left in their documents: the relay publishes them again (consumers deduplicate).
            log.warn(
                "{} published activity events of {} not cleared: {}",
                done.size(),
                collection,
                e.toString());
          }
        });
  }

  /** Publishes what the immediate attempts left behind (Kafka was away), oldest first. */
  @Scheduled(fixedDelayString = "${parcelbell.flow.activity-relay-interval:30s}")
  public void relay() {
    try {
      var olderThan = clock.instant().minus(Duration.ofSeconds(30));
      Flux.fromIterable(COLLECTIONS)
          .concatMap(
              collection ->
                  mongo
                      .find(
                          Query.query(
                                  Criteria.where(PendingActivity.FIELD + ".eventId")
                                      .exists(true)
                                      .and("updatedAt")
                                      .lt(olderThan))
                              .limit(500),
                          Document.class,
                          collection)
                      .concatMap(
                          doc ->
                              publish(
                                  collection,
                                  doc.getString("_id"),
                                  doc.getList(PendingActivity.FIELD, Document.class).stream()
                                      .map(
                                          d ->
                                              new PendingActivity(
                                                  d.getString("eventId"),
                                                  d.getString("type"),
                                                  d.getString("json")))
                                      .toList())))
          .then()
          .block(Duration.ofMinutes(2));
    } catch (RuntimeException e) {
      log.warn("activity relay: {}; next try in the next interval", e.toString());
    }
  }
}

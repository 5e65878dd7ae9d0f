package io.parcelbell.report.query;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the notification history: filtered pages, newest first, and state counts. */
@Component
class NotificationQueryService {

  record Filter(
      String orderId,
      String trackingNumber,
      String phoneLast4,
      NotificationState state,
      Channel channel,
      String shipmentStatus,
      Instant since,
      Instant until,
      int limit,
      PageCursor after) {}

  record Stats(
      String window, Instant since, Map<String, Long> counts, long total, double failureRate) {

    /** From the counts MongoDB found (a state it found none of counts 0). */
    static Stats of(Duration window, Instant since, Map<String, Long> found) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (NotificationState state : NotificationState.values()) {
        counts.put(state.name(), found.getOrDefault(state.name(), 0L));
      }
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      long sent = counts.get(NotificationState.SENT.name());
      long dead = counts.get(NotificationState.DEAD_LETTER.name());
      // Of the notifications that reached an end, the share that never reached a phone.
      double failureRate = sent + dead == 0 ? 0.0 : (double) dead / (sent + dead);
      return new Stats(window.toString(), since, counts, total, failureRate);
    }
  }

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  NotificationQueryService(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  Mono<NotificationResponse> byId(String id) {
    return mongo
        .findById(id, NotificationDocument.class, NotificationDocument.COLLECTION)
        .map(NotificationResponse::of)
        .switchIfEmpty(Mono.error(() -> new NotificationNotFoundException(id)));
  }

  Mono<NotificationResponse.Page> list(Filter filter) {
    return find(filter, filter.limit() + 1) // one more tells us whether there is a next page
        .collectList()
        .map(found -> page(found, filter.limit()));
  }

  /** Newest first, as the list pages them, up to {@code max}: streamed, not collected. */
  Flux<NotificationResponse> export(Filter filter, int max) {
    return find(filter, max).map(NotificationResponse::of);
  }

  private Flux<NotificationDocument> find(Filter filter, int max) {
    List<Criteria> conditions = new ArrayList<>();
    if (filter.orderId() != null) {
      conditions.add(where("orderId").is(filter.orderId()));
    }
    if (filter.trackingNumber() != null) {
      conditions.add(where("trackingNumber").is(filter.trackingNumber()));
    }
    if (filter.phoneLast4() != null) {
      conditions.add(where(NotificationStore.RECIPIENT_LAST4).is(filter.phoneLast4()));
    }
    if (filter.state() != null) {
      conditions.add(where("state").is(filter.state().name()));
    }
    if (filter.channel() != null) {
      conditions.add(where("attempts.channel").is(filter.channel().name()));
    }
    if (filter.shipmentStatus() != null) {
      conditions.add(where("shipmentStatus").is(filter.shipmentStatus()));
    }
    if (filter.since() != null) {
      conditions.add(where("createdAt").gte(Date.from(filter.since())));
    }
    if (filter.until() != null) {
      conditions.add(where("createdAt").lt(Date.from(filter.until())));
    }
    if (filter.after() != null) {
      Date createdAt = Date.from(filter.after().createdAt());
      conditions.add(
          new Criteria()
              .orOperator(
                  where("createdAt").lt(createdAt),
                  where("createdAt").is(createdAt).and("_id").lt(filter.after().id())));
    }
    Query query =
        new Query(conditions.isEmpty() ? new Criteria() : new Criteria().andOperator(conditions))
            .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
            .limit(max);
    return mongo.find(query, NotificationDocument.class, NotificationDocument.COLLECTION);
  }

  /** The window's notifications counted per state in one aggregation (not a count per state). */
  Mono<Stats> stats(Duration window) {
    Instant since = clock.instant().minus(window);
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(where("createdAt").gte(Date.from(since))),
            Aggregation.group("state").count().as("n"));
    return mongo
        .aggregate(pipeline, NotificationDocument.COLLECTION, org.bson.Document.class)
        .collectMap(
            row -> String.valueOf(row.get("_id")), row -> row.get("n", Number.class).longValue())
        .map(found -> Stats.of(window, since, found));
  }

  private static NotificationResponse.Page page(List<NotificationDocument> found, int limit) {
    boolean more = found.size() > limit;
    List<NotificationDocument> items = more ? found.subList(0, limit) : found;
    String next = null;
    if (more) {
      NotificationDocument last = items.get(items.size() - 1);
      next = new PageCursor(last.createdAt(), last.id()).encode();
    }
    return new NotificationResponse.Page(
        items.stream().map(NotificationResponse::of).toList(), next);
  }
}

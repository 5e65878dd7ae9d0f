package io.parcelbell.report.counts;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.report.store.NotificationDocument;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts slices in MongoDB: which slices hold a notification changed since a time, and how many of
 * a span's notifications are in each state, with the codes their failed attempts ended with.
 * Grouped by minute there (a {@code $dateToString} every MongoDB and the MongoDB-wire server
 * understand), added up into slices here: at most a few thousand small groups.
 */
@Component
class SliceCounter {

  private static final List<String> FAILED =
      List.of(AttemptState.FAILED.name(), AttemptState.EXPIRED.name());
  private static final Document MINUTE =
      new Document(
          "$dateToString",
          new Document("format", CountSlice.MINUTE_FORMAT).append("date", "$createdAt"));

  private final ReactiveMongoTemplate mongo;

  SliceCounter(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The slices, from {@code from} on, of the notifications written since {@code since}. */
  Mono<Set<Instant>> changedSince(Instant since, Instant from) {
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(
                where("updatedAt").gte(Date.from(since)).and("createdAt").gte(Date.from(from))),
            group(new Document("_id", MINUTE)));
    return mongo
        .aggregate(pipeline, NotificationDocument.COLLECTION, Document.class)
        .map(row -> CountSlice.fromMinute(row.getString("_id")))
        .collect(TreeSet::new, Set::add);
  }

  /** Every slice in these spans that holds a notification, counted. */
  Mono<Map<Instant, CountSlice>> count(List<Range> ranges) {
    Criteria within = within(ranges);
    return Mono.zip(states(within), codes(within))
        .map(
            t -> {
              Map<Instant, CountSlice> slices = new HashMap<>();
              Set<Instant> starts = new TreeSet<>(t.getT1().keySet());
              starts.addAll(t.getT2().keySet());
              for (Instant start : starts) {
                slices.put(
                    start,
                    new CountSlice(
                        start,
                        t.getT1().getOrDefault(start, Map.of()),
                        t.getT2().getOrDefault(start, Map.of())));
              }
              return slices;
            });
  }

  private Mono<Map<Instant, Map<String, Long>>> states(Criteria within) {
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(within),
            group(
                new Document("_id", new Document("minute", MINUTE).append("key", "$state"))
                    .append("n", new Document("$sum", 1))));
    return perSlice(pipeline);
  }

  /** An attempt that expired without a report counts as {@code EXPIRED}. */
  private Mono<Map<Instant, Map<String, Long>>> codes(Criteria within) {
    AggregationOperation code =
        context ->
            new Document(
                "$project",
                new Document("minute", MINUTE)
                    .append(
                        "code",
                        new Document(
                            "$ifNull", List.of("$attempts.reportCode", "$attempts.state"))));
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(
                new Criteria().andOperator(within, where("attempts.state").in(FAILED))),
            Aggregation.unwind("attempts"),
            Aggregation.match(where("attempts.state").in(FAILED)),
            code,
            group(
                new Document("_id", new Document("minute", "$minute").append("key", "$code"))
                    .append("n", new Document("$sum", 1))));
    return perSlice(pipeline);
  }

  private Mono<Map<Instant, Map<String, Long>>> perSlice(Aggregation pipeline) {
    return mongo
        .aggregate(pipeline, NotificationDocument.COLLECTION, Document.class)
        .collect(
            HashMap::new,
            (Map<Instant, Map<String, Long>> slices, Document row) -> {
              Document id = row.get("_id", Document.class);
              Instant slice = CountSlice.fromMinute(id.getString("minute"));
              slices
                  .computeIfAbsent(slice, s -> new HashMap<>())
                  .merge(
                      String.valueOf(id.get("key")),
                      row.get("n", Number.class).longValue(),
                      Long::sum);
            });
  }

  private static Criteria within(List<Range> ranges) {
    List<Criteria> spans =
        ranges.stream()
            .map(r -> where("createdAt").gte(Date.from(r.from())).lt(Date.from(r.until())))
            .toList();
    return spans.size() == 1 ? spans.get(0) : new Criteria().orOperator(spans);
  }

  private static AggregationOperation group(Document group) {
    return context -> new Document("$group", group);
  }
}

package io.parcelbell.flow.metrics;

import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.runs.RunDocument;
import io.parcelbell.flow.runs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Re-reads the gauges' values from MongoDB (indexed counts and one sorted lookup). */
@Component
class MetricsSchedule {

  private static final Logger log = LoggerFactory.getLogger(MetricsSchedule.class);

  private final ReactiveMongoTemplate mongo;
  private final FlowMetrics metrics;
  private final Clock clock;

  MetricsSchedule(ReactiveMongoTemplate mongo, FlowMetrics metrics, Clock clock) {
    this.mongo = mongo;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${parcelbell.flow.metrics-interval:30s}")
  void read() {
    Instant now = clock.instant();
    try {
      var waiting =
          mongo.count(Query.query(Criteria.where("state").is(RunState.WAITING)), RunDocument.class);
      var oldestDue =
          mongo
              .findOne(
                  Query.query(Criteria.where("state").is(RunState.WAITING).and("dueAt").lte(now))
                      .with(Sort.by("dueAt")),
                  RunDocument.class)
              .map(run -> java.util.Optional.of(run.dueAt()))
              .defaultIfEmpty(java.util.Optional.empty());
      var disabled =
          mongo.count(Query.query(Criteria.where("enabled").is(false)), DestinationDocument.class);
      Mono.zip(waiting, oldestDue, disabled)
          .doOnNext(t -> metrics.observed(t.getT1(), t.getT2().orElse(null), t.getT3()))
          .block(Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      log.warn("flow gauges not re-read: {}", e.toString());
    }
  }
}

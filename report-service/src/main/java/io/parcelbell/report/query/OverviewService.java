package io.parcelbell.report.query;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReportStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the console's dashboard shows, counted in MongoDB (indexed counts and one small
 * aggregation), never by reading the history into the service.
 */
@Component
class OverviewService {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final int DAYS = 7;
  static final int TOP_CODES = 5;

  /** One KST day's settled notifications and the share that never reached a phone. */
  record Day(LocalDate day, long sent, long deadLetter, double failureRate) {}

  /** How often a code ended an attempt that failed (a report, a rejection or expiry). */
  record CodeCount(String code, long count) {}

  record Overview(
      Instant at,
      NotificationQueryService.Stats last24Hours,
      NotificationQueryService.Stats last7Days,
      List<Day> days,
      Instant oldestPendingSince,
      Instant lastReportAt,
      List<CodeCount> topFailureCodes) {}

  private final NotificationQueryService queries;
  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  OverviewService(
      NotificationQueryService queries,
      NotificationStore notifications,
      RawReportStore reports,
      ReactiveMongoTemplate mongo,
      Clock clock) {
    this.queries = queries;
    this.notifications = notifications;
    this.reports = reports;
    this.mongo = mongo;
    this.clock = clock;
  }

  Mono<Overview> overview() {
    Instant now = clock.instant();
    return Mono.zip(
            queries.stats(Duration.ofHours(24)),
            queries.stats(Duration.ofDays(DAYS)),
            days(now),
            optional(notifications.findOldestPendingRequestedAt()),
            optional(reports.findLatestReceivedAt()),
            topFailureCodes(now.minus(Duration.ofDays(DAYS))))
        .map(
            t ->
                new Overview(
                    now,
                    t.getT1(),
                    t.getT2(),
                    t.getT3(),
                    t.getT4().orElse(null),
                    t.getT5().orElse(null),
                    t.getT6()));
  }

  /** The last seven days in Seoul, today last. */
  private Mono<List<Day>> days(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, SEOUL);
    return Flux.range(0, DAYS)
        .map(back -> today.minusDays(DAYS - 1L - back))
        .concatMap(this::day)
        .collectList();
  }

  private Mono<Day> day(LocalDate day) {
    Date from = Date.from(day.atStartOfDay(SEOUL).toInstant());
    Date to = Date.from(day.plusDays(1).atStartOfDay(SEOUL).toInstant());
    return Mono.zip(
            count(NotificationState.SENT, from, to), count(NotificationState.DEAD_LETTER, from, to))
        .map(
            c -> {
              long ended = c.getT1() + c.getT2();
              return new Day(
                  day, c.getT1(), c.getT2(), ended == 0 ? 0.0 : (double) c.getT2() / ended);
            });
  }

  private Mono<Long> count(NotificationState state, Date from, Date to) {
    return mongo.count(
        new Query(where("state").is(state.name()).and("createdAt").gte(from).lt(to)),
        NotificationDocument.COLLECTION);
  }

  /**
   * The codes failed attempts of the window's notifications ended with, most frequent first; an
   * attempt that expired without a report counts as {@code EXPIRED}.
   */
  private Mono<List<CodeCount>> topFailureCodes(Instant since) {
    List<String> failed = List.of(AttemptState.FAILED.name(), AttemptState.EXPIRED.name());
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(
                where("createdAt").gte(Date.from(since)).and("attempts.state").in(failed)),
            Aggregation.unwind("attempts"),
            Aggregation.match(where("attempts.state").in(failed)),
            // One key per code, so that a code's FAILED and EXPIRED attempts count together.
            Aggregation.project()
                .and(
                    ConditionalOperators.ifNull("attempts.reportCode")
                        .thenValueOf("attempts.state"))
                .as("code"),
            Aggregation.group("code").count().as("count"),
            Aggregation.sort(Sort.by(Sort.Order.desc("count"), Sort.Order.asc("_id"))),
            Aggregation.limit(TOP_CODES));
    return mongo
        .aggregate(pipeline, NotificationDocument.COLLECTION, org.bson.Document.class)
        .map(
            row ->
                new CodeCount(
                    String.valueOf(row.get("_id")), row.get("count", Number.class).longValue()))
        .collectList();
  }

  private static <T> Mono<Optional<T>> optional(Mono<T> value) {
    return value.map(Optional::of).defaultIfEmpty(Optional.empty());
  }
}

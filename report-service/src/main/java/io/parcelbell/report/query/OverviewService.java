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
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the console's dashboard shows, counted in MongoDB (aggregations and indexed lookups), never
 * by reading the history into the service.
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

  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  OverviewService(
      NotificationStore notifications,
      RawReportStore reports,
      ReactiveMongoTemplate mongo,
      Clock clock) {
    this.notifications = notifications;
    this.reports = reports;
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Four commands, sent together: the week's counts (by state, Seoul day and whether in the last 24
   * hours, one aggregation), the failure codes, the oldest pending send, the latest report.
   */
  Mono<Overview> overview() {
    Instant now = clock.instant();
    return Mono.zip(
            week(now),
            optional(notifications.findOldestPendingRequestedAt()),
            optional(reports.findLatestReceivedAt()),
            topFailureCodes(now.minus(Duration.ofDays(DAYS))))
        .map(
            t ->
                new Overview(
                    now,
                    t.getT1().last24Hours(),
                    t.getT1().last7Days(),
                    t.getT1().days(),
                    t.getT2().orElse(null),
                    t.getT3().orElse(null),
                    t.getT4()));
  }

  /** The week's figures, from one aggregation's groups. */
  record Week(
      NotificationQueryService.Stats last24Hours,
      NotificationQueryService.Stats last7Days,
      List<Day> days) {}

  /**
   * Every notification of the last 7 × 24 hours (which holds the last seven Seoul days: the
   * earliest starts less than 168 hours ago), grouped by state, Seoul day and whether it came in
   * the last 24 hours; the rest is adding up small groups.
   */
  private Mono<Week> week(Instant now) {
    Instant weekAgo = now.minus(Duration.ofDays(DAYS));
    Instant dayAgo = now.minus(Duration.ofHours(24));
    org.bson.Document key =
        new org.bson.Document("state", "$state")
            .append(
                "day",
                new org.bson.Document(
                    "$dateToString",
                    new org.bson.Document("format", "%Y-%m-%d")
                        .append("date", "$createdAt")
                        .append("timezone", SEOUL.getId())))
            .append(
                "recent", new org.bson.Document("$gte", List.of("$createdAt", Date.from(dayAgo))));
    AggregationOperation group =
        context ->
            new org.bson.Document(
                "$group",
                new org.bson.Document("_id", key).append("n", new org.bson.Document("$sum", 1)));
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(where("createdAt").gte(Date.from(weekAgo))), group);
    return mongo
        .aggregate(pipeline, NotificationDocument.COLLECTION, org.bson.Document.class)
        .collectList()
        .map(groups -> week(groups, now, weekAgo, dayAgo));
  }

  private static Week week(
      List<org.bson.Document> groups, Instant now, Instant weekAgo, Instant dayAgo) {
    Map<String, Long> lastDay = new HashMap<>();
    Map<String, Long> lastWeek = new HashMap<>();
    Map<LocalDate, long[]> perDay = new HashMap<>(); // SENT, DEAD_LETTER
    for (org.bson.Document group : groups) {
      org.bson.Document id = group.get("_id", org.bson.Document.class);
      String state = String.valueOf(id.get("state"));
      long n = group.get("n", Number.class).longValue();
      lastWeek.merge(state, n, Long::sum);
      if (Boolean.TRUE.equals(id.get("recent"))) {
        lastDay.merge(state, n, Long::sum);
      }
      long[] day = perDay.computeIfAbsent(LocalDate.parse(id.getString("day")), d -> new long[2]);
      if (NotificationState.SENT.name().equals(state)) {
        day[0] += n;
      } else if (NotificationState.DEAD_LETTER.name().equals(state)) {
        day[1] += n;
      }
    }
    LocalDate today = LocalDate.ofInstant(now, SEOUL);
    List<Day> days = new ArrayList<>();
    for (int back = DAYS - 1; back >= 0; back--) {
      LocalDate day = today.minusDays(back);
      long[] c = perDay.getOrDefault(day, new long[2]);
      long ended = c[0] + c[1];
      days.add(new Day(day, c[0], c[1], ended == 0 ? 0.0 : (double) c[1] / ended));
    }
    return new Week(
        NotificationQueryService.Stats.of(Duration.ofHours(24), dayAgo, lastDay),
        NotificationQueryService.Stats.of(Duration.ofDays(DAYS), weekAgo, lastWeek),
        days);
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

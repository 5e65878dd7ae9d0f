package io.parcelbell.report.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code bizgo_reports} collection: every report we accepted, stored by the report listener
 * (from Kafka, after the webhook answered) or by the inquiry.
 */
@Component
public class RawReportStore {

  /**
   * A fresh unapplied report is usually waiting for its dispatch event, which applies it; the
   * sweeper tries it itself only after this.
   */
  public static final Duration FIRST_RETRY_AFTER = Duration.ofSeconds(30);

  static final String RETRY_AT = "retryAt";

  private final ReactiveMongoTemplate mongo;

  RawReportStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Insert-if-absent: a report Bizgo retries is the same document, first copy wins. */
  public Mono<Void> saveIfAbsent(RawReport report) {
    return mongo
        .upsert(idOf(report), insertOf(report), RawReport.COLLECTION)
        // Two copies racing: the loser's E11000 means the report is stored, which is all we need.
        .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty())
        .then();
  }

  /**
   * {@link #saveIfAbsent} for a whole consumed batch in one command (an unordered bulk of upserts)
   * rather than one round trip per report. Fails if any of them failed; storing them all again is
   * harmless, as then every upsert finds its document (a lost E11000 race included).
   */
  public Mono<Void> saveAllIfAbsent(List<RawReport> batch) {
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RawReport.COLLECTION);
    batch.forEach(report -> bulk.upsert(idOf(report), insertOf(report)));
    return bulk.execute().then();
  }

  private static Query idOf(RawReport report) {
    return new Query(where("_id").is(report.id()));
  }

  private static Update insertOf(RawReport report) {
    return new Update()
        .setOnInsert("msgKey", report.msgKey())
        .setOnInsert("reportCode", report.reportCode())
        .setOnInsert("reportText", report.reportText())
        .setOnInsert("serviceType", report.serviceType())
        .setOnInsert("msgType", report.msgType())
        .setOnInsert("sendTime", report.sendTime())
        .setOnInsert("reportTime", report.reportTime())
        .setOnInsert("reportedAt", Date.from(report.reportedAt()))
        .setOnInsert("reportType", report.reportType())
        .setOnInsert("carrier", report.carrier())
        .setOnInsert("ref", report.ref())
        .setOnInsert("receivedAt", Date.from(report.receivedAt()))
        .setOnInsert("applied", false)
        .setOnInsert(RETRY_AT, Date.from(report.receivedAt().plus(FIRST_RETRY_AFTER)));
  }

  /** Those of the reports {@code ids} not applied yet (by primary key). */
  public Flux<RawReport> findUnappliedIn(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return mongo.find(
        new Query(where("_id").in(ids).and("applied").is(false)),
        RawReport.class,
        RawReport.COLLECTION);
  }

  /**
   * Unapplied reports due for another try at {@code now} that arrived after {@code notBefore}, in
   * no particular order: a report leaves this set when it is claimed ({@link #claimRetry}), so a
   * sweeper that claims what it reads and reads again reaches every one of them.
   */
  public Flux<RawReport> findDueForRetry(Instant now, Instant notBefore, int limit) {
    Query query =
        new Query(
                where("applied")
                    .is(false)
                    .and(RETRY_AT)
                    .lt(Date.from(now))
                    .and("receivedAt")
                    .gte(Date.from(notBefore)))
            .limit(limit);
    return mongo.find(query, RawReport.class, RawReport.COLLECTION);
  }

  /** Claims a due retry: the next one is at {@code next}. True for exactly one claimant. */
  public Mono<Boolean> claimRetry(String id, Instant now, Instant next) {
    return mongo
        .updateFirst(
            new Query(
                where("_id").is(id).and("applied").is(false).and(RETRY_AT).lt(Date.from(now))),
            new Update().set(RETRY_AT, Date.from(next)),
            RawReport.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** Unapplied reports whose {@code ref} names this notification. */
  public Flux<RawReport> findUnappliedByRef(String notificationId) {
    return mongo.find(
        new Query(where("ref").is(notificationId).and("applied").is(false)),
        RawReport.class,
        RawReport.COLLECTION);
  }

  /** When the newest stored report was received, if any. */
  public Mono<Instant> findLatestReceivedAt() {
    Query query = new Query().with(Sort.by(Sort.Order.desc("receivedAt"))).limit(1);
    query.fields().include("receivedAt");
    return mongo
        .findOne(query, org.bson.Document.class, RawReport.COLLECTION)
        .mapNotNull(row -> row.getDate("receivedAt"))
        .map(Date::toInstant);
  }

  public Mono<RawReport> findById(String id) {
    return mongo.findById(id, RawReport.class, RawReport.COLLECTION);
  }

  /** {@link #markApplied} for many reports in one write. */
  public Mono<Void> markAllApplied(Collection<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return Mono.empty();
    }
    return mongo
        .updateMulti(
            new Query(where("_id").in(ids).and("applied").is(false)),
            new Update().set("applied", true).set("appliedAt", Date.from(now)),
            RawReport.COLLECTION)
        .then();
  }

  public Mono<Void> markApplied(String id, Instant now) {
    return mongo
        .updateFirst(
            new Query(where("_id").is(id).and("applied").is(false)),
            new Update().set("applied", true).set("appliedAt", Date.from(now)),
            RawReport.COLLECTION)
        .then();
  }
}

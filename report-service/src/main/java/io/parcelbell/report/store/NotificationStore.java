package io.parcelbell.report.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.config.ReportProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every write to the {@code notifications} collection. Each is one atomic single-document update
 * whose condition makes it idempotent (MongoDB transactions are not available everywhere we run): a
 * repeated or late event finds the condition false and changes nothing. Methods that return a
 * document return it only when they changed it, so callers publish only real changes.
 */
@Component
public class NotificationStore {

  private static final String COLLECTION = NotificationDocument.COLLECTION;

  /** When the notification reached a final state; the history's retention counts from it. */
  public static final String ENDED_AT = "endedAt";

  /** The phone's last four digits, for the history's search (the masked number shows them too). */
  public static final String RECIPIENT_LAST4 = "recipientLast4";

  /**
   * An operator's resend of the current dead-lettered ending (the resend package's outbox): the
   * command's id, the attempt it follows, who and when, and whether Kafka has it yet.
   */
  public static final String RESEND = "resend";

  /** Which bulk settlement changed the document, until its settlement is on Kafka. */
  static final String SETTLED_BY = "settledBy";

  /** Kept on a PENDING attempt: when the sweeper next asks Bizgo about it. */
  static final String NEXT_INQUIRY = "nextInquiryAt";

  private static final FindAndModifyOptions UPSERT_RETURN_NEW =
      FindAndModifyOptions.options().upsert(true).returnNew(true);

  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final Duration pendingTimeout;

  NotificationStore(ReactiveMongoTemplate mongo, ReportProperties properties) {
    this.mongo = mongo;
    this.pendingTimeout = properties.pendingTimeout();
  }

  /** Creates the document in {@code initial} state unless it exists; fills in missing details. */
  public Mono<Void> ensure(
      NotificationSeed seed, NotificationState initial, String reason, Instant now) {
    Update update =
        seeded(seed, initial, reason, now)
            .setOnInsert("attempts", new ArrayList<>())
            .setOnInsert("updatedAt", Date.from(now))
            .setOnInsert("version", 0L);
    // Two upserts racing on one new _id: the loser gets E11000 and simply retries as an update.
    return mongo
        .upsert(byId(seed.id()), update, COLLECTION)
        .retryWhen(reactor.util.retry.Retry.max(1).filter(DuplicateKeyException.class::isInstance))
        .then();
  }

  /**
   * {@link #ensure} (PENDING) and then {@link #addAttempt}, in one write: a dispatch's usual path,
   * half its round trips. The document after it, or empty when the attempt is there already (a
   * redelivered dispatch). Should the notification exist with the attempt (the upsert then collides
   * on {@code _id}), or another writer create it at the same moment, the two steps are taken one
   * after the other, each as it always was.
   */
  public Mono<NotificationDocument> ensureWithAttempt(
      NotificationSeed seed, AttemptDocument attempt, Instant now) {
    Query query = new Query(where("_id").is(seed.id()).and("attempts.key").ne(attempt.key()));
    Update update =
        seeded(seed, NotificationState.PENDING, null, now)
            .set("updatedAt", Date.from(now))
            // 1L: an int $inc on a new document stores an int, and ensure() stores a long.
            .inc("version", 1L)
            .push("attempts", attemptElement(attempt, now));
    return mongo
        .findAndModify(query, update, UPSERT_RETURN_NEW, org.bson.Document.class, COLLECTION)
        .map(this::read)
        .onErrorResume(
            DuplicateKeyException.class,
            collided ->
                ensure(seed, NotificationState.PENDING, null, now)
                    .then(addAttempt(seed.id(), attempt, now)));
  }

  /** What a notification is created with, and the details it may have missed till now. */
  private static Update seeded(
      NotificationSeed seed, NotificationState initial, String reason, Instant now) {
    Update update =
        new Update()
            .setOnInsert("courierCode", seed.courierCode())
            .setOnInsert("trackingNumber", seed.trackingNumber())
            .setOnInsert("shipmentStatus", seed.shipmentStatus())
            .setOnInsert("state", initial.name())
            .setOnInsert("reason", reason)
            .setOnInsert("createdAt", Date.from(now));
    if (initial.isFinal()) {
      update.setOnInsert(ENDED_AT, Date.from(now));
    }
    detail(update, "orderId", seed.orderId());
    detail(update, "recipient", seed.recipient());
    detail(update, RECIPIENT_LAST4, Recipients.lastFour(seed.recipient()));
    return update;
  }

  /**
   * Remembers a hold for quiet hours, since when and until when, for the timeline (the latest hold
   * wins; no change of state or version: the state moves are the lifecycle's).
   */
  public Mono<Void> recordHold(String id, Instant heldAt, Instant until) {
    // A late or redelivered Held event does not overwrite a later hold.
    Query newer =
        new Query(
            where("_id")
                .is(id)
                // null matches a missing field too
                .orOperator(where("heldAt").is(null), where("heldAt").lt(Date.from(heldAt))));
    return mongo
        .updateFirst(
            newer,
            new Update().set("heldAt", Date.from(heldAt)).set("heldUntil", Date.from(until)),
            COLLECTION)
        .then();
  }

  /**
   * Remembers which notification replaced this one, and when, for the timeline: only if it is
   * SUPERSEDED for that reason (a superseded event the report overruled leaves no trace).
   */
  public Mono<Void> recordSuperseded(String id, String by, String reason, Instant at) {
    return mongo
        .updateFirst(
            new Query(
                where("_id")
                    .is(id)
                    .and("state")
                    .is(NotificationState.SUPERSEDED.name())
                    .and("reason")
                    .is(reason)),
            new Update().set("supersededBy", by).set("supersededAt", Date.from(at)),
            COLLECTION)
        .then();
  }

  /**
   * Adds the attempt unless one with its key is there already. A PENDING one is due for an inquiry
   * one {@code pending-timeout} after it was requested, unless its report comes first.
   */
  public Mono<NotificationDocument> addAttempt(String id, AttemptDocument attempt, Instant now) {
    Query query = new Query(where("_id").is(id).and("attempts.key").ne(attempt.key()));
    org.bson.Document element = attemptElement(attempt, now);
    Update update = changed(now).push("attempts", element);
    return modifiedDocument(query, update);
  }

  /** Moves the notification to {@code to} if it is in one of {@code from}. */
  public Mono<NotificationDocument> moveState(
      String id,
      Collection<NotificationState> from,
      NotificationState to,
      String reason,
      Instant now) {
    return modifiedDocument(new Query(inState(id, from)), move(to, reason, now));
  }

  /**
   * Moves the notification to {@code to} if it is in {@code from} and unchanged since it was read
   * at {@code version}: for a decision taken on what the document held.
   */
  public Mono<NotificationDocument> moveStateIfUnchanged(
      String id,
      long version,
      Collection<NotificationState> from,
      NotificationState to,
      String reason,
      Instant now) {
    return modifiedDocument(
        new Query(inState(id, from).and("version").is(version)), move(to, reason, now));
  }

  private static Criteria inState(String id, Collection<NotificationState> from) {
    return where("_id").is(id).and("state").in(from.stream().map(Enum::name).toList());
  }

  /**
   * A final state starts the retention clock ({@code endedAt}, the TTL index's field); leaving one
   * (a later generation sent again) stops it.
   */
  private static Update move(NotificationState to, String reason, Instant now) {
    Update update = changed(now).set("state", to.name()).set("reason", reason);
    if (to == NotificationState.SENT || to == NotificationState.DEAD_LETTER) {
      update.set("outcomePublished", false); // in the same write: a crash cannot hide it
    }
    if (to.isFinal()) {
      update.set(ENDED_AT, Date.from(now));
    } else {
      update.unset(ENDED_AT).unset("outcomePublished");
    }
    return update;
  }

  /** Settles the attempt with this msgKey if it is still PENDING. */
  public Mono<NotificationDocument> settleAttempt(
      String msgKey,
      AttemptState state,
      String reportCode,
      String reportText,
      Instant reportedAt,
      Instant now) {
    return settleAttemptOf(null, msgKey, state, reportCode, reportText, reportedAt, now);
  }

  /**
   * The same, in the notification {@code notificationId} only: found by {@code _id}, which any
   * MongoDB (and the MongoDB-wire server, which has no secondary indexes) answers from its primary
   * index. Empty as well when that notification has no such PENDING attempt. A null {@code
   * notificationId} looks in every notification, by msgKey.
   */
  public Mono<NotificationDocument> settleAttemptOf(
      String notificationId,
      String msgKey,
      AttemptState state,
      String reportCode,
      String reportText,
      Instant reportedAt,
      Instant now) {
    // _id at the top level, so a store that looks up by primary key sees it.
    Criteria where = notificationId == null ? new Criteria() : where("_id").is(notificationId);
    Query query = new Query(withPendingAttempt(where, msgKey));
    Update update = settled(changed(now), state, reportCode, reportText, reportedAt);
    return modifiedDocument(query, update);
  }

  /**
   * Settles the PENDING attempt {@code msgKey} of notification {@code notificationId} and moves the
   * notification from one of {@code from} to {@code to}, in one write: a delivered report's usual
   * path, half the round trips of {@link #settleAttemptOf} then {@link #moveState}. Empty when the
   * attempt is not PENDING or the notification not in {@code from}; the caller then takes the two
   * steps, each conditional on its own.
   */
  public Mono<NotificationDocument> settleAttemptAndMove(
      String notificationId,
      String msgKey,
      AttemptState state,
      String reportCode,
      String reportText,
      Instant reportedAt,
      Collection<NotificationState> from,
      NotificationState to,
      Instant now) {
    Query query = new Query(withPendingAttempt(inState(notificationId, from), msgKey));
    Update update = settled(move(to, null, now), state, reportCode, reportText, reportedAt);
    return modifiedDocument(query, update);
  }

  /** A delivered report to settle in bulk: its attempt, in the notification Bizgo's ref names. */
  public record Delivered(
      String notificationId,
      String msgKey,
      String reportCode,
      String reportText,
      Instant reportedAt) {}

  /**
   * {@link #settleAttemptAndMove} for many delivered reports in one command: an unordered bulk of
   * the same conditional writes, each marking what it changed with {@code token}. A bulk answer
   * says how many writes applied, not which: {@link #findSettledBy} then reads exactly the
   * documents this call changed (a document another writer settled does not carry our token), and
   * the published marks remove the token. Emits how many notifications it settled.
   */
  public Mono<Integer> settleAllDelivered(
      List<Delivered> delivered,
      Collection<NotificationState> from,
      NotificationState to,
      String token,
      Instant now) {
    if (delivered.isEmpty()) {
      return Mono.just(0);
    }
    var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (Delivered report : delivered) {
      Query query =
          new Query(withPendingAttempt(inState(report.notificationId(), from), report.msgKey()));
      Update update =
          settled(
                  move(to, null, now),
                  AttemptState.DELIVERED,
                  report.reportCode(),
                  report.reportText(),
                  report.reportedAt())
              .set(SETTLED_BY, token);
      bulk.updateOne(query, update);
    }
    return bulk.execute().map(result -> result.getModifiedCount());
  }

  /** The notifications among {@code ids} that {@link #settleAllDelivered} settled with token. */
  public Flux<NotificationDocument> findSettledBy(Collection<String> ids, String token) {
    return found(new Query(where("_id").in(ids).and(SETTLED_BY).is(token)));
  }

  /** An attempt whose settlement, and its notification's, Kafka has: for the bulk mark. */
  public record Published(String notificationId, String msgKey) {}

  /** {@link #markAttemptAndOutcomePublished} for many in one command. */
  public Mono<Void> markAllAttemptAndOutcomePublished(Collection<Published> published) {
    if (published.isEmpty()) {
      return Mono.empty();
    }
    var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (Published each : published) {
      bulk.updateOne(attemptOf(each.notificationId(), each.msgKey()), attemptAndOutcomePublished());
    }
    return bulk.execute().then();
  }

  /**
   * {@code where}, and the attempt {@code msgKey} still PENDING. The plain "attempts.msgKey"
   * condition is what mongo-java-server resolves "$" from (it cannot from $elemMatch); msgKeys are
   * unique within a document, so both name the same element.
   */
  private static Criteria withPendingAttempt(Criteria where, String msgKey) {
    return where
        .and("attempts")
        .elemMatch(Criteria.where("msgKey").is(msgKey).and("state").is(AttemptState.PENDING.name()))
        .and("attempts.msgKey")
        .is(msgKey);
  }

  private static Update settled(
      Update update, AttemptState state, String reportCode, String reportText, Instant reportedAt) {
    return update
        .set("attempts.$.state", state.name())
        .set("attempts.$.reportCode", reportCode)
        .set("attempts.$.reportText", reportText)
        .set("attempts.$.reportedAt", Date.from(reportedAt))
        .set("attempts.$.published", false);
  }

  /**
   * PENDING attempts due for an inquiry at {@code now}, from at most {@code limit} notifications,
   * in no particular order: an attempt leaves this set when it is claimed ({@link #claimInquiry}),
   * so a sweeper that claims what it reads and reads again reaches every due attempt, however many
   * stay unknown to Bizgo.
   */
  public Flux<DueInquiry> findDueInquiries(Instant now, int limit) {
    Query query = new Query(dueAttempt(now)).limit(limit);
    query.fields().include("attempts");
    return mongo
        .find(query, org.bson.Document.class, COLLECTION)
        .flatMapIterable(doc -> DueInquiry.of(doc, now));
  }

  /**
   * Claims the due inquiry of attempt {@code msgKey}: its next inquiry moves one {@code
   * pending-timeout} past {@code now}. Exactly one of several sweepers racing for it gets true.
   */
  public Mono<Boolean> claimInquiry(DueInquiry due, Instant now) {
    String msgKey = due.msgKey();
    Query query =
        new Query(
            where("_id")
                .is(due.notificationId())
                .and("attempts")
                .elemMatch(
                    Criteria.where("msgKey")
                        .is(msgKey)
                        .and("state")
                        .is(AttemptState.PENDING.name())
                        .and(NEXT_INQUIRY)
                        .lt(Date.from(now)))
                // mongo-java-server resolves "$" from this plain condition (not from $elemMatch).
                .and("attempts.msgKey")
                .is(msgKey));
    Update update =
        new Update().set("attempts.$." + NEXT_INQUIRY, Date.from(now.plus(pendingTimeout)));
    return mongo
        .updateFirst(query, update, COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  private static Criteria dueAttempt(Instant now) {
    return where("attempts")
        .elemMatch(
            Criteria.where("state")
                .is(AttemptState.PENDING.name())
                .and(NEXT_INQUIRY)
                .lt(Date.from(now)));
  }

  public Mono<Void> markAttemptPublished(String id, String msgKey) {
    return markPublished(id, msgKey, new Update());
  }

  /** Both marks in one write, for a report that settled the attempt and the notification. */
  public Mono<Void> markAttemptAndOutcomePublished(String id, String msgKey) {
    return mongo
        .updateFirst(attemptOf(id, msgKey), attemptAndOutcomePublished(), COLLECTION)
        .then();
  }

  private static Update attemptAndOutcomePublished() {
    return new Update()
        .set("outcomePublished", true)
        .set("attempts.$.published", true)
        .unset(SETTLED_BY);
  }

  private Mono<Void> markPublished(String id, String msgKey, Update alsoSet) {
    return mongo
        .updateFirst(attemptOf(id, msgKey), alsoSet.set("attempts.$.published", true), COLLECTION)
        .then();
  }

  private static Query attemptOf(String id, String msgKey) {
    return new Query(where("_id").is(id).and("attempts.msgKey").is(msgKey));
  }

  public Mono<Void> markOutcomePublished(String id) {
    return mongo
        .updateFirst(byId(id), new Update().set("outcomePublished", true), COLLECTION)
        .then();
  }

  /** Notifications last changed before {@code before} with a settlement not yet on Kafka. */
  public Flux<NotificationDocument> findUnpublished(Instant before, int limit) {
    // Each branch whole, so each can use its own index.
    Date changedBefore = Date.from(before);
    Query query =
        new Query(
                new Criteria()
                    .orOperator(
                        where("outcomePublished").is(false).and("updatedAt").lt(changedBefore),
                        where("attempts.published").is(false).and("updatedAt").lt(changedBefore)))
            .limit(limit);
    return found(query);
  }

  /**
   * When the oldest attempt still PENDING was requested, if any. Unwinds only the notifications
   * that have a PENDING attempt, then keeps the first by {@code requestedAt}: one small result.
   */
  public Mono<Instant> findOldestPendingRequestedAt() {
    var pipeline =
        Aggregation.newAggregation(
            Aggregation.match(where("attempts.state").is(AttemptState.PENDING.name())),
            Aggregation.unwind("attempts"),
            Aggregation.match(
                where("attempts.state")
                    .is(AttemptState.PENDING.name())
                    .and("attempts.requestedAt")
                    .ne(null)),
            Aggregation.sort(Sort.by(Sort.Order.asc("attempts.requestedAt"))),
            Aggregation.limit(1),
            Aggregation.project().and("attempts.requestedAt").as("requestedAt"));
    return mongo
        .aggregate(pipeline, COLLECTION, org.bson.Document.class)
        .next()
        .mapNotNull(row -> row.getDate("requestedAt"))
        .map(Date::toInstant);
  }

  public Mono<NotificationDocument> findByMsgKey(String msgKey) {
    return found(new Query(where("attempts.msgKey").is(msgKey)).limit(1)).next();
  }

  /**
   * The notifier could not resend this dead letter (RESEND_UNAVAILABLE): it stays DEAD_LETTER with
   * the reason, and a new request is possible (its resend mark is cleared).
   */
  public Mono<Void> resendRefused(String id, String reason, Instant now) {
    return mongo
        .updateFirst(
            new Query(inState(id, List.of(NotificationState.DEAD_LETTER))),
            changed(now).set("reason", reason).unset(RESEND),
            COLLECTION)
        .then();
  }

  public Mono<NotificationDocument> findById(String id) {
    return found(byId(id)).next();
  }

  /**
   * The document after {@code update}, read as the record. The query and update are written as
   * stored already (dates, enum names, attempts as documents) and name the collection only: mapped
   * against the record's metadata, every settlement's paths were resolved again on each call, a
   * tenth of report-service's CPU in the end-to-end benchmark.
   */
  private Mono<NotificationDocument> modifiedDocument(Query query, Update update) {
    return mongo
        .findAndModify(query, update, RETURN_NEW, org.bson.Document.class, COLLECTION)
        .map(this::read);
  }

  /** What {@code query} (written as stored) finds, read as records. */
  private Flux<NotificationDocument> found(Query query) {
    return mongo.find(query, org.bson.Document.class, COLLECTION).map(this::read);
  }

  private NotificationDocument read(org.bson.Document stored) {
    return mongo.getConverter().read(NotificationDocument.class, stored);
  }

  /**
   * An attempt as stored. A PENDING one is due for an inquiry one {@code pending-timeout} after it
   * was requested, unless its report comes first.
   */
  private org.bson.Document attemptElement(AttemptDocument attempt, Instant now) {
    org.bson.Document element = toBson(attempt);
    if (attempt.state() == AttemptState.PENDING) {
      // Without a request time, the time we learned of it: it must still expire one day.
      Instant requested = attempt.requestedAt() == null ? now : attempt.requestedAt();
      element.put("requestedAt", Date.from(requested));
      element.append(NEXT_INQUIRY, Date.from(requested.plus(pendingTimeout)));
    }
    return element;
  }

  private static Update changed(Instant now) {
    return new Update().set("updatedAt", Date.from(now)).inc("version", 1);
  }

  private static void detail(Update update, String field, String value) {
    if (value != null) {
      update.set(field, value);
    } else {
      update.setOnInsert(field, null);
    }
  }

  private static Query byId(String id) {
    return new Query(where("_id").is(id));
  }

  private static org.bson.Document toBson(AttemptDocument attempt) {
    return new org.bson.Document()
        .append("key", attempt.key())
        .append("channel", attempt.channel() == null ? null : attempt.channel().name())
        .append("attempt", attempt.attempt())
        .append("msgKey", attempt.msgKey())
        .append("state", attempt.state().name())
        .append("reportCode", attempt.reportCode())
        .append("reportText", attempt.reportText())
        .append("finalChannel", attempt.finalChannel())
        .append("requestedAt", date(attempt.requestedAt()))
        .append("reportedAt", date(attempt.reportedAt()));
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}

package io.parcelbell.notifier.notification;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.mongo.Stored;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Single-document atomic writes only (no transactions: mongo-java-server has none, and one document
 * per notification needs none). Every state change is conditional on the state it leaves, so a lost
 * race changes nothing: an attempt is answered only while it is REQUESTED, a run finishes only a
 * CLAIMED or HELD notification, a hold only a CLAIMED one, a fallback reopens only a DISPATCHED
 * one, a supersede only an unsent one that no release or run is working on. Claiming (the insert on
 * the unique {@code _id}) is the claims package's.
 *
 * <p>A run (see {@link AttemptRunner}) works under a lease: {@link #takeRun} stores its token and
 * an expiry in the document ({@value #RUNNER}, {@value #RUN_LEASE_UNTIL}; not mapped to the record:
 * only these queries read them). Every write of the run is conditional on its token and extends the
 * lease, so two runners (a rebalance handing a record to a second consumer while the first still
 * works on it, or two replicas' releases) never both send or publish: the second waits until the
 * first finished or its lease expired.
 *
 * <p>The writes name the collection rather than the record ({@link Stored}): every notification
 * answers and finishes through here, and resolving each path against the record's metadata was the
 * notifier's largest share of Spring Data's CPU.
 */
@Component
public class NotificationStore {

  public static final String RUNNER = "runner";
  public static final String RUN_LEASE_UNTIL = "runLeaseUntil";

  /**
   * When the notification ended (DISPATCHED, DEAD_LETTER, SUPERSEDED); unset while it is worked on.
   * The retention's TTL index (NotificationIndexes) deletes it {@code retention.after-end} later:
   * the document holds the raw phone number and name.
   */
  public static final String ENDED_AT = "endedAt";

  /** Which release leased a HELD notification (with {@code leaseUntil}); not mapped either. */
  static final String RELEASE_TOKEN = "releaseToken";

  private final ReactiveMongoTemplate mongo;
  private final Stored stored;
  private final Clock clock;

  private final Set<String> notifiedStatuses;

  NotificationStore(ReactiveMongoTemplate mongo, Clock clock, NotifierProperties properties) {
    this.mongo = mongo;
    this.stored = new Stored(mongo.getConverter());
    this.clock = clock;
    this.notifiedStatuses = properties.templates().keySet();
  }

  /**
   * The run of a CLAIMED or HELD notification for {@code token}, unless another run's lease is
   * still valid: the notification as it is now, or empty.
   */
  public Mono<NotificationDocument> takeRun(String id, String token, Duration lease) {
    Instant now = clock.instant();
    Query free =
        Query.query(
            Criteria.where("_id")
                .is(id)
                .and("state")
                .in(DispatchState.CLAIMED, DispatchState.HELD)
                .orOperator(
                    Criteria.where(RUN_LEASE_UNTIL).is(null),
                    Criteria.where(RUN_LEASE_UNTIL).lt(now),
                    Criteria.where(RUNNER).is(token)));
    Update take =
        new Update().set(RUNNER, token).set(RUN_LEASE_UNTIL, now.plus(lease)).set("updatedAt", now);
    return mongo.findAndModify(
        free, take, FindAndModifyOptions.options().returnNew(true), NotificationDocument.class);
  }

  /**
   * Appends the attempt unless an attempt with its number exists (a resumed run); false when the
   * run no longer holds the notification.
   */
  public Mono<Boolean> addAttempt(String id, String token, Attempt attempt, Duration lease) {
    Instant now = clock.instant();
    Query notYetAdded =
        ours(id, token).addCriteria(Criteria.where("attempts.number").ne(attempt.number()));
    Update push =
        new Update()
            .push("attempts", stored.of(attempt, Attempt.class))
            .set(RUN_LEASE_UNTIL, now.plus(lease))
            .set("updatedAt", now);
    return mongo
        .updateFirst(notYetAdded, push, NotificationDocument.COLLECTION)
        .flatMap(
            result ->
                result.getModifiedCount() > 0
                    ? Mono.just(true)
                    : mongo.exists(ours(id, token), NotificationDocument.COLLECTION));
  }

  /**
   * Records Bizgo's answer on the attempt (attempts are stored in number order), only while that
   * attempt is REQUESTED and the run holds the notification; false otherwise.
   */
  public Mono<Boolean> answer(String id, String token, Attempt answered, Duration lease) {
    Instant now = clock.instant();
    String path = "attempts." + (answered.number() - 1);
    Query requested =
        ours(id, token).addCriteria(Criteria.where(path + ".status").is(Attempt.Status.REQUESTED));
    Update update =
        new Update()
            .set(path, stored.of(answered, Attempt.class))
            .set(RUN_LEASE_UNTIL, now.plus(lease))
            .set("updatedAt", now);
    return modified(requested, update);
  }

  /**
   * CLAIMED or HELD → {@code state}, ending the run (its lease is released); false when the run no
   * longer holds the notification.
   */
  public Mono<Boolean> finish(String id, String token, DispatchState state, String reason) {
    Query running = ours(id, token);
    Instant now = clock.instant();
    Update update =
        new Update()
            .set("state", state)
            .set("reason", reason)
            .unset(RUNNER)
            .unset(RUN_LEASE_UNTIL)
            .set("updatedAt", now);
    if (state != DispatchState.CLAIMED && state != DispatchState.HELD) {
      update.set(ENDED_AT, now); // the retention's TTL index counts from here
    }
    return modified(running, update);
  }

  /** Lets go of a run that failed, so the redelivered record resumes it at once. */
  public Mono<Void> releaseRun(String id, String token) {
    Update release = new Update().unset(RUNNER).unset(RUN_LEASE_UNTIL);
    return mongo.updateFirst(ours(id, token), release, NotificationDocument.COLLECTION).then();
  }

  /** HELD and a run (a release sending it) holds a live lease on it. */
  public Mono<Boolean> isBeingReleased(String id) {
    Instant now = clock.instant();
    return mongo
        .findById(id, org.bson.Document.class, NotificationDocument.COLLECTION)
        .map(
            doc ->
                DispatchState.HELD.name().equals(doc.getString("state"))
                    && doc.get(RUN_LEASE_UNTIL) instanceof java.util.Date until
                    && until.toInstant().isAfter(now))
        .defaultIfEmpty(false);
  }

  /** The notification while this run holds it and it is still being sent (CLAIMED or HELD). */
  private static Query ours(String id, String token) {
    return Query.query(
        Criteria.where("_id")
            .is(id)
            .and(RUNNER)
            .is(token)
            .and("state")
            .in(DispatchState.CLAIMED, DispatchState.HELD));
  }

  /** No quiet-hours release holds the notification (never leased, or the lease expired). */
  private static Criteria noReleaseLease(Instant now) {
    return new Criteria()
        .orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now));
  }

  /** No run holds the notification (never held, let go, or its holder's lease expired). */
  private static Criteria noLiveRun(Instant now) {
    return new Criteria()
        .orOperator(
            Criteria.where(RUN_LEASE_UNTIL).is(null), Criteria.where(RUN_LEASE_UNTIL).lt(now));
  }

  private Mono<Boolean> modified(Query query, Update update) {
    return mongo
        .updateFirst(query, update, NotificationDocument.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /**
   * All notifications of the shipment, in one read by {@code _id}: the ids are derived from the
   * statuses that have a template (no other status ever gets a document) and {@code status}, the
   * one being handled. An {@code _id $in} query is served by the {@code _id} index on any MongoDB
   * (and on mongo-java-server, which uses no other), so it stays cheap however large the collection
   * grows.
   */
  public Mono<ShipmentNotifications> ofShipment(
      String courierCode, String trackingNumber, String status) {
    Instant now = clock.instant();
    Set<String> ids = new LinkedHashSet<>(idsOf(courierCode, trackingNumber));
    ids.add(NotificationIds.of(courierCode, trackingNumber, status));
    return mongo
        .find(
            Query.query(Criteria.where("_id").in(ids)),
            org.bson.Document.class,
            NotificationDocument.COLLECTION)
        .map(doc -> mongo.getConverter().read(NotificationDocument.class, doc))
        .collectList()
        .map(all -> new ShipmentNotifications(all, now));
  }

  private List<String> idsOf(String courierCode, String trackingNumber) {
    return notifiedStatuses.stream()
        .map(status -> NotificationIds.of(courierCode, trackingNumber, status))
        .toList();
  }

  public Mono<NotificationDocument> find(String id) {
    return mongo.findById(id, NotificationDocument.class);
  }

  /** DISPATCHED → CLAIMED with the fallback attempt appended, in one update; false if not. */
  public Mono<Boolean> reopenForFallback(String id, Attempt fallback) {
    Query dispatched =
        Query.query(
            Criteria.where("_id")
                .is(id)
                .and("state")
                .is(DispatchState.DISPATCHED)
                .and("attempts.number")
                .ne(fallback.number()));
    Update update =
        new Update()
            .set("state", DispatchState.CLAIMED)
            .push("attempts", stored.of(fallback, Attempt.class))
            .unset(ENDED_AT)
            .set("updatedAt", clock.instant());
    return mongo
        .updateFirst(dispatched, update, NotificationDocument.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** CLAIMED with no attempt yet and no run working on it → HELD until {@code releaseAt}. */
  public Mono<Boolean> hold(String id, Instant releaseAt) {
    Query claimed =
        Query.query(
            Criteria.where("_id")
                .is(id)
                .and("state")
                .is(DispatchState.CLAIMED)
                .andOperator(noLiveRun(clock.instant())));
    Update update =
        new Update()
            .set("state", DispatchState.HELD)
            .set("releaseAt", releaseAt)
            .set("updatedAt", clock.instant());
    return mongo
        .updateFirst(claimed, update, NotificationDocument.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** HELD, not being released or run → SUPERSEDED; false when a release got there first. */
  public Mono<Boolean> supersede(String id, String supersededBy) {
    Instant now = clock.instant();
    Query unleasedHeld =
        Query.query(
            Criteria.where("_id")
                .is(id)
                .and("state")
                .is(DispatchState.HELD)
                .andOperator(noReleaseLease(now), noLiveRun(now)));
    return supersede(unleasedHeld, supersededBy, now);
  }

  /**
   * A claimed or held notification that Bizgo never accepted → SUPERSEDED, if it is still the
   * generation that was read, no release or run holds its lease and no attempt was added since.
   */
  public Mono<Boolean> supersedeUnsent(NotificationDocument stale, String supersededBy) {
    Instant now = clock.instant();
    Query unsent =
        Query.query(
            Criteria.where("_id")
                .is(stale.id())
                .and("generation")
                .is(stale.generation())
                .and("state")
                .in(DispatchState.CLAIMED, DispatchState.HELD)
                .and("attempts.number")
                .ne(stale.nextAttemptNumber())
                .andOperator(noReleaseLease(now), noLiveRun(now)));
    return supersede(unsent, supersededBy, now);
  }

  /**
   * A HELD notification this release leased (its lease is unchanged) and no run is sending →
   * SUPERSEDED.
   */
  public Mono<Boolean> supersedeLeased(NotificationDocument leased, String supersededBy) {
    Query ours =
        Query.query(
            Criteria.where("_id")
                .is(leased.id())
                .and("state")
                .is(DispatchState.HELD)
                .and("leaseUntil")
                .is(leased.leaseUntil())
                .andOperator(noLiveRun(clock.instant())));
    return supersede(ours, supersededBy, clock.instant());
  }

  private Mono<Boolean> supersede(Query query, String supersededBy, Instant now) {
    Update update =
        new Update()
            .set("state", DispatchState.SUPERSEDED)
            .set("reason", "SUPERSEDED_BY " + supersededBy)
            .set(ENDED_AT, now)
            .set("updatedAt", now);
    return mongo
        .updateFirst(query, update, NotificationDocument.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /**
   * Takes up to {@code limit} due HELD notifications for release, in three reads and writes however
   * many: they stay HELD (a redelivered event still sees them as held) but are leased under one
   * token, so no other release or supersede touches them until the lease expires. Returns the ones
   * this call leased (another replica may have leased some of the same page first).
   */
  public Mono<List<NotificationDocument>> leaseDue(int limit, Duration lease) {
    Instant now = clock.instant();
    String token = UUID.randomUUID().toString();
    Query due =
        Query.query(
                Criteria.where("state")
                    .is(DispatchState.HELD)
                    .and("releaseAt")
                    .lte(now)
                    .andOperator(noReleaseLease(now)))
            .limit(limit);
    due.fields().include("_id");
    return mongo
        .find(due, org.bson.Document.class, NotificationDocument.COLLECTION)
        .map(doc -> doc.getString("_id"))
        .collectList()
        .flatMap(
            ids -> {
              if (ids.isEmpty()) {
                return Mono.just(List.<NotificationDocument>of());
              }
              Query stillDue =
                  Query.query(
                      Criteria.where("_id")
                          .in(ids)
                          .and("state")
                          .is(DispatchState.HELD)
                          .andOperator(noReleaseLease(now)));
              Update lease1 =
                  new Update()
                      .set("leaseUntil", now.plus(lease))
                      .set(RELEASE_TOKEN, token)
                      .set("updatedAt", now);
              return mongo
                  .updateMulti(stillDue, lease1, NotificationDocument.COLLECTION)
                  .thenMany(
                      mongo.find(
                          Query.query(Criteria.where("_id").in(ids)),
                          org.bson.Document.class,
                          NotificationDocument.COLLECTION))
                  .filter(doc -> token.equals(doc.getString(RELEASE_TOKEN)))
                  .map(doc -> mongo.getConverter().read(NotificationDocument.class, doc))
                  .collectList();
            });
  }
}

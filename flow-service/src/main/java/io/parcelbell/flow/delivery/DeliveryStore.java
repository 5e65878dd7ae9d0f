package io.parcelbell.flow.delivery;

import com.mongodb.client.result.UpdateResult;
import io.parcelbell.contracts.mongo.Stored;
import io.parcelbell.flow.activity.PendingActivity;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deliveries in MongoDB. Queued once (insert-if-absent by id); claimed by one replica at a time
 * (PENDING and due; the claim pushes {@code nextAttemptAt} to the end of its lease, so a replica
 * that dies mid-send leaves it due again then); each attempt recorded only by the claim's owner.
 */
@Component
public class DeliveryStore {

  /** Set when a delivery reached a final state; the retention TTL counts from it. */
  public static final String ENDED_AT = "endedAt";

  static final java.time.Duration PARKED_RECHECK = java.time.Duration.ofHours(1);

  private final ReactiveMongoTemplate mongo;

  private final Stored stored;

  DeliveryStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    this.stored = new Stored(mongo.getConverter());
  }

  /** Queues the delivery unless it exists (a run step carried out twice queues one). */
  public Mono<Void> queue(DeliveryDocument delivery) {
    Update insert =
        new Update()
            .setOnInsert("webhookId", delivery.webhookId())
            .setOnInsert("destinationId", delivery.destinationId())
            .setOnInsert("flowId", delivery.flowId())
            .setOnInsert("version", delivery.version())
            .setOnInsert("runId", delivery.runId())
            .setOnInsert("shipmentKey", delivery.shipmentKey())
            .setOnInsert("step", delivery.step())
            .setOnInsert("body", delivery.body())
            .setOnInsert(
                "headers", stored.ofEach(delivery.headers(), DeliveryDocument.Header.class))
            .setOnInsert("state", Stored.of(DeliveryState.PENDING))
            .setOnInsert("nextAttemptAt", delivery.nextAttemptAt())
            .setOnInsert("attemptCount", 0)
            .setOnInsert("scheduleBase", 0)
            .setOnInsert("claims", 0)
            .setOnInsert("parked", false)
            .setOnInsert("attempts", java.util.List.of())
            .setOnInsert("createdAt", delivery.createdAt())
            .setOnInsert("updatedAt", delivery.createdAt());
    return mongo
        .upsert(
            Query.query(Criteria.where("_id").is(delivery.id())),
            insert,
            DeliveryDocument.COLLECTION)
        .then();
  }

  /** The ids of up to {@code limit} deliveries due now, the earliest first (one query a batch). */
  public reactor.core.publisher.Flux<String> dueIds(Instant now, int limit) {
    Query due = Query.query(due(now)).with(Sort.by("nextAttemptAt")).limit(limit);
    due.fields().include("_id");
    return mongo
        .find(due, org.bson.Document.class, DeliveryDocument.COLLECTION)
        .map(doc -> doc.getString("_id"));
  }

  /**
   * Claims those of the deliveries {@code ids} that are still due, all under {@code owner} (a token
   * of this claim), in one write; emits the deliveries it claimed, the earliest due first. One that
   * another claim got first is not among them: it does not carry our token.
   */
  public Flux<DeliveryDocument> claimAll(
      List<String> ids, String owner, Instant now, Instant leaseUntil) {
    // _id at the top level, so a store that looks up by primary key sees it (inside $and the
    // MongoDB-wire server read the whole collection for each claim).
    return mongo
        .updateMulti(
            Query.query(due(Criteria.where("_id").in(ids).and("state"), now)),
            claimedBy(owner, now, leaseUntil),
            DeliveryDocument.class)
        .filter(result -> result.getModifiedCount() > 0)
        .flatMapMany(
            claimed ->
                mongo.find(
                    Query.query(Criteria.where("_id").in(ids).and("owner").is(owner))
                        .with(Sort.by("createdAt")),
                    DeliveryDocument.class));
  }

  private static Update claimedBy(String owner, Instant now, Instant leaseUntil) {
    return new Update()
        .set("owner", owner)
        .set("nextAttemptAt", leaseUntil)
        .set("updatedAt", now)
        .inc("claims", 1);
  }

  private static Criteria due(Instant now) {
    return due(Criteria.where("state"), now);
  }

  /** {@code state} is the criterion on the state field, after any others. */
  private static Criteria due(Criteria state, Instant now) {
    return state.is(DeliveryState.PENDING).and("nextAttemptAt").lte(now);
  }

  /** Records an attempt of the claim's owner; false when the claim lapsed to another replica. */
  public Mono<Boolean> attempted(
      DeliveryDocument claimed,
      DeliveryDocument.Attempt attempt,
      DeliveryState state,
      Instant nextAttemptAt,
      List<PendingActivity> activity,
      Instant now) {
    Update update =
        new Update()
            .push("attempts", stored.of(attempt, DeliveryDocument.Attempt.class))
            .inc("attemptCount", 1)
            .set("state", Stored.of(state))
            .set("updatedAt", now)
            .set("claims", 0)
            .set("parked", false)
            .unset("owner");
    if (state != DeliveryState.PENDING) {
      update.set(ENDED_AT, now);
    }
    if (nextAttemptAt != null) {
      update.set("nextAttemptAt", nextAttemptAt);
    } else {
      update.unset("nextAttemptAt");
    }
    if (!activity.isEmpty()) {
      update
          .push(PendingActivity.FIELD)
          .each(stored.ofEach(activity, PendingActivity.class).toArray());
    }
    return mongo
        .updateFirst(owned(claimed), update, DeliveryDocument.COLLECTION)
        .map(UpdateResult::getModifiedCount)
        .map(n -> n > 0);
  }

  /** Puts a claimed delivery back, untried, due at {@code at} (its destination's rate limit). */
  public Mono<Boolean> postpone(DeliveryDocument claimed, Instant at, Instant now) {
    return mongo
        .updateFirst(
            owned(claimed),
            new Update()
                .set("nextAttemptAt", at)
                .set("updatedAt", now)
                .inc("claims", -1)
                .unset("owner"),
            DeliveryDocument.class)
        .map(r -> r.getModifiedCount() > 0);
  }

  /**
   * Parks a claimed delivery whose destination is disabled: untried, looked at again only in an
   * hour or when the destination is enabled ({@link #releaseParked}).
   */
  public Mono<Boolean> park(DeliveryDocument claimed, Instant now) {
    return mongo
        .updateFirst(
            owned(claimed),
            new Update()
                .set("parked", true)
                .set("nextAttemptAt", now.plus(PARKED_RECHECK))
                .set("updatedAt", now)
                .set("claims", 0)
                .unset("owner"),
            DeliveryDocument.class)
        .map(r -> r.getModifiedCount() > 0);
  }

  /** The parked deliveries of an enabled destination are due now. */
  public Mono<Long> releaseParked(String destinationId, Instant now) {
    return mongo
        .updateMulti(
            Query.query(
                Criteria.where("destinationId")
                    .is(destinationId)
                    .and("state")
                    .is(DeliveryState.PENDING)
                    .and("parked")
                    .is(true)),
            new Update().set("parked", false).set("nextAttemptAt", now).set("updatedAt", now),
            DeliveryDocument.class)
        .map(UpdateResult::getModifiedCount);
  }

  /**
   * Puts an ended delivery back to PENDING, due now, with a fresh retry schedule; only from the
   * state and attempt count it was read in, so two replays of one reading queue it once. Empty when
   * it changed meanwhile.
   */
  public Mono<DeliveryDocument> replay(DeliveryDocument ended, Instant now) {
    return mongo.findAndModify(
        Query.query(
            Criteria.where("_id")
                .is(ended.id())
                .and("state")
                .is(ended.state())
                .and("attemptCount")
                .is(ended.attemptCount())),
        new Update()
            .set("state", DeliveryState.PENDING)
            .set("nextAttemptAt", now)
            .set("scheduleBase", ended.attemptCount())
            .set("claims", 0)
            .set("parked", false)
            .set("updatedAt", now)
            .unset(ENDED_AT),
        FindAndModifyOptions.options().returnNew(true),
        DeliveryDocument.class);
  }

  /**
   * A destination's deliveries that ended failed or exhausted, created at or after {@code since}.
   */
  public reactor.core.publisher.Flux<DeliveryDocument> failedSince(
      String destinationId, Instant since, int limit) {
    return mongo.find(
        Query.query(
                Criteria.where("destinationId")
                    .is(destinationId)
                    .and("state")
                    .in(DeliveryState.FAILED, DeliveryState.EXHAUSTED)
                    .and("createdAt")
                    .gte(since))
            .with(Sort.by("createdAt"))
            .limit(limit),
        DeliveryDocument.class);
  }

  /**
   * Newest first, {@code limit} at most, optionally of one destination, flow or state; {@code
   * after} is the last delivery of the previous page.
   */
  public reactor.core.publisher.Flux<DeliveryDocument> page(
      String destinationId, String flowId, DeliveryState state, DeliveryDocument after, int limit) {
    List<Criteria> all = new java.util.ArrayList<>();
    if (destinationId != null) {
      all.add(Criteria.where("destinationId").is(destinationId));
    }
    if (flowId != null) {
      all.add(Criteria.where("flowId").is(flowId));
    }
    if (state != null) {
      all.add(Criteria.where("state").is(state));
    }
    if (after != null) {
      all.add(
          new Criteria()
              .orOperator(
                  Criteria.where("createdAt").lt(after.createdAt()),
                  Criteria.where("createdAt").is(after.createdAt()).and("_id").lt(after.id())));
    }
    return mongo.find(
        Query.query(all.isEmpty() ? new Criteria() : new Criteria().andOperator(all))
            .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
            .limit(limit),
        DeliveryDocument.class);
  }

  public Mono<DeliveryDocument> find(String id) {
    return mongo.findById(id, DeliveryDocument.class);
  }

  public reactor.core.publisher.Flux<DeliveryDocument> ofRun(String runId) {
    return mongo.find(
        Query.query(Criteria.where("runId").is(runId)).with(Sort.by("step")),
        DeliveryDocument.class);
  }

  private static Query owned(DeliveryDocument claimed) {
    return Query.query(
        Criteria.where("_id")
            .is(claimed.id())
            .and("state")
            .is(Stored.of(DeliveryState.PENDING))
            .and("owner")
            .is(claimed.owner())
            .and("nextAttemptAt")
            .is(claimed.nextAttemptAt()));
  }
}

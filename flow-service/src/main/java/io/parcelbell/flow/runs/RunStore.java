package io.parcelbell.flow.runs;

import com.mongodb.client.result.UpdateResult;
import io.parcelbell.contracts.mongo.Stored;
import io.parcelbell.flow.activity.PendingActivity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs in MongoDB. Every change is conditional: a run is started once (insert-if-absent by its
 * deterministic id), claimed by one replica at a time (WAITING and due, or RUNNING with a lapsed
 * lease), and moved on only by the replica that holds it.
 */
@Component
public class RunStore {

  /** Set when a run ended; the retention TTL counts from it. */
  public static final String ENDED_AT = "endedAt";

  private final ReactiveMongoTemplate mongo;

  private final Stored stored;

  RunStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    this.stored = new Stored(mongo.getConverter());
  }

  /** Inserts the run (with its STARTED activity) unless it exists; true when this call did. */
  public Mono<Boolean> start(RunDocument run, PendingActivity started) {
    return mongo
        .upsert(byId(run.id()), inserted(run, started), RunDocument.class)
        .map(result -> result.getUpsertedId() != null);
  }

  /** A run to start, and the activity event announcing it. */
  public record Starting(RunDocument run, PendingActivity started) {}

  /**
   * {@link #start} for many runs in one command (a polled batch's): the ids of the runs this call
   * inserted, none of those that existed.
   */
  public Mono<Set<String>> startAll(List<Starting> starting) {
    if (starting.isEmpty()) {
      return Mono.just(Set.of());
    }
    var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RunDocument.class);
    starting.forEach(s -> bulk.upsert(byId(s.run().id()), inserted(s.run(), s.started())));
    return bulk.execute()
        .map(
            result ->
                result.getUpserts().stream()
                    .map(upsert -> starting.get(upsert.getIndex()).run().id())
                    .collect(Collectors.toSet()));
  }

  private static Query byId(String id) {
    return Query.query(Criteria.where("_id").is(id));
  }

  private static Update inserted(RunDocument run, PendingActivity started) {
    return new Update()
        .setOnInsert("flowId", run.flowId())
        .setOnInsert("version", run.version())
        .setOnInsert("trigger", run.trigger())
        .setOnInsert("eventId", run.eventId())
        .setOnInsert("eventType", run.eventType())
        .setOnInsert("event", run.event())
        .setOnInsert("shipmentKey", run.shipmentKey())
        .setOnInsert("triggeredAt", run.triggeredAt())
        .setOnInsert("state", RunState.WAITING)
        .setOnInsert("step", 0)
        .setOnInsert("dueAt", run.dueAt())
        // Every primitive field: a run read before its first claim must map (claims is an int).
        .setOnInsert("claims", 0)
        .setOnInsert("outcomes", List.of())
        .setOnInsert(PendingActivity.FIELD, List.of(started))
        .setOnInsert("createdAt", run.createdAt())
        .setOnInsert("updatedAt", run.createdAt());
  }

  /**
   * The ids of up to {@code limit} runs due now, the earliest first: WAITING and due, or RUNNING
   * with a lapsed lease. One query for a batch of claims (a store without the index scans once per
   * batch, not once per run).
   */
  public Flux<String> dueIds(Instant now, int limit) {
    Query due = Query.query(due(now)).with(Sort.by("dueAt")).limit(limit);
    due.fields().include("_id");
    return mongo
        .find(due, org.bson.Document.class, RunDocument.COLLECTION)
        .map(doc -> doc.getString("_id"));
  }

  /**
   * Claims those of the runs {@code ids} that are still due, all under {@code owner} (a token of
   * this claim), in one write; emits the runs it claimed, the earliest due first. A run another
   * claim got first is not among them: it does not carry our token.
   */
  public Flux<RunDocument> claimAll(
      List<String> ids, String owner, Instant now, Instant leaseUntil) {
    // _id at the top level, so a store that looks up by primary key sees it (inside $and the
    // MongoDB-wire server read the whole collection for each claim).
    return mongo
        .updateMulti(
            Query.query(due(Criteria.where("_id").in(ids), now)),
            claimedBy(owner, now, leaseUntil),
            RunDocument.class)
        .filter(result -> result.getModifiedCount() > 0)
        .flatMapMany(
            claimed ->
                mongo.find(
                    Query.query(Criteria.where("_id").in(ids).and("owner").is(owner))
                        .with(Sort.by("dueAt")),
                    RunDocument.class));
  }

  private static Update claimedBy(String owner, Instant now, Instant leaseUntil) {
    return new Update()
        .set("state", RunState.RUNNING)
        .set("owner", owner)
        .set("leaseUntil", leaseUntil)
        .set("updatedAt", now)
        .inc("claims", 1);
  }

  private static Criteria due(Instant now) {
    return due(new Criteria(), now);
  }

  private static Criteria due(Criteria where, Instant now) {
    return where.orOperator(
        Criteria.where("state").is(RunState.WAITING).and("dueAt").lte(now),
        Criteria.where("state").is(RunState.RUNNING).and("leaseUntil").lt(now));
  }

  /**
   * Moves a run its owner holds: to {@code state} at {@code step} (due at {@code dueAt} when
   * WAITING), appending the outcomes. False when the run is no longer this owner's.
   */
  public Mono<Boolean> advance(
      RunDocument run,
      RunState state,
      int step,
      Instant dueAt,
      String exitReason,
      List<RunDocument.StepOutcome> outcomes,
      List<PendingActivity> activity,
      Instant now) {
    Update update =
        new Update()
            .set("state", Stored.of(state))
            .set("step", step)
            .set("updatedAt", now)
            .set("claims", 0)
            .push("outcomes")
            .each(stored.ofEach(outcomes, RunDocument.StepOutcome.class).toArray());
    if (state == RunState.WAITING) {
      update.set("dueAt", dueAt).unset("owner").unset("leaseUntil");
    } else {
      update.unset("dueAt").unset("owner").unset("leaseUntil").set(ENDED_AT, now);
    }
    if (exitReason != null) {
      update.set("exitReason", exitReason);
    }
    if (!activity.isEmpty()) {
      update
          .push(PendingActivity.FIELD)
          .each(stored.ofEach(activity, PendingActivity.class).toArray());
    }
    return mongo
        .updateFirst(
            Query.query(
                Criteria.where("_id")
                    .is(run.id())
                    .and("state")
                    .is(Stored.of(RunState.RUNNING))
                    .and("owner")
                    .is(run.owner())),
            update,
            RunDocument.COLLECTION)
        .map(UpdateResult::getModifiedCount)
        .map(modified -> modified > 0);
  }

  public Mono<RunDocument> find(String id) {
    return mongo.findById(id, RunDocument.class);
  }

  /**
   * Newest first, {@code limit} at most; {@code after} is the last run of the previous page (its
   * creation time and id), null for the first page.
   */
  public Flux<RunDocument> page(String flowId, RunState state, RunDocument after, int limit) {
    List<Criteria> all = new java.util.ArrayList<>();
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
    Query query =
        Query.query(all.isEmpty() ? new Criteria() : new Criteria().andOperator(all))
            .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
            .limit(limit);
    return mongo.find(query, RunDocument.class);
  }

  public Mono<Long> countOpen() {
    return mongo.count(
        Query.query(Criteria.where("state").in(RunState.WAITING, RunState.RUNNING)),
        RunDocument.class);
  }
}

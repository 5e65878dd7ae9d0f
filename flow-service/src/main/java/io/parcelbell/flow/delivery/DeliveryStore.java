package io.parcelbell.flow.delivery;

import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deliveries in MongoDB. Queued once (insert-if-absent by id); claimed by one replica at a time
 * (PENDING and due; the claim pushes {@code nextAttemptAt} to the end of its lease, so a replica
 * that dies mid-send leaves it due again then); each attempt recorded only by the claim's owner.
 */
@Component
public class DeliveryStore {

  private final ReactiveMongoTemplate mongo;

  DeliveryStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
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
            .setOnInsert("step", delivery.step())
            .setOnInsert("body", delivery.body())
            .setOnInsert("headers", delivery.headers())
            .setOnInsert("state", DeliveryState.PENDING)
            .setOnInsert("nextAttemptAt", delivery.nextAttemptAt())
            .setOnInsert("attemptCount", 0)
            .setOnInsert("attempts", java.util.List.of())
            .setOnInsert("createdAt", delivery.createdAt())
            .setOnInsert("updatedAt", delivery.createdAt());
    return mongo
        .upsert(
            Query.query(Criteria.where("_id").is(delivery.id())), insert, DeliveryDocument.class)
        .then();
  }

  public Mono<DeliveryDocument> claimDue(String owner, Instant now, Instant leaseUntil) {
    return mongo.findAndModify(
        Query.query(Criteria.where("state").is(DeliveryState.PENDING).and("nextAttemptAt").lte(now))
            .with(Sort.by("nextAttemptAt")),
        new Update().set("owner", owner).set("nextAttemptAt", leaseUntil).set("updatedAt", now),
        FindAndModifyOptions.options().returnNew(true),
        DeliveryDocument.class);
  }

  /** Records an attempt of the claim's owner; false when the claim lapsed to another replica. */
  public Mono<Boolean> attempted(
      DeliveryDocument claimed,
      DeliveryDocument.Attempt attempt,
      DeliveryState state,
      Instant nextAttemptAt,
      Instant now) {
    Update update =
        new Update()
            .push("attempts", attempt)
            .inc("attemptCount", 1)
            .set("state", state)
            .set("updatedAt", now)
            .unset("owner");
    if (nextAttemptAt != null) {
      update.set("nextAttemptAt", nextAttemptAt);
    } else {
      update.unset("nextAttemptAt");
    }
    return mongo
        .updateFirst(owned(claimed), update, DeliveryDocument.class)
        .map(UpdateResult::getModifiedCount)
        .map(n -> n > 0);
  }

  /** Puts a claimed delivery back, untried, due at {@code at} (its destination is disabled). */
  public Mono<Boolean> postpone(DeliveryDocument claimed, Instant at, Instant now) {
    return mongo
        .updateFirst(
            owned(claimed),
            new Update().set("nextAttemptAt", at).set("updatedAt", now).unset("owner"),
            DeliveryDocument.class)
        .map(r -> r.getModifiedCount() > 0);
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
            .is(DeliveryState.PENDING)
            .and("owner")
            .is(claimed.owner())
            .and("nextAttemptAt")
            .is(claimed.nextAttemptAt()));
  }
}

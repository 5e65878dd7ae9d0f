package io.parcelbell.flow.destinations;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parcelbell.contracts.events.FlowDestinationChanged;
import io.parcelbell.flow.activity.ActivityPublisher;
import io.parcelbell.flow.activity.PendingActivity;
import io.parcelbell.flow.config.FlowProperties;
import java.time.Duration;
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
 * Destinations in MongoDB. Saving a whole document is optimistic ({@code @Version}): two admins
 * editing at once cannot lose one change silently. State changes made by deliveries (failing since,
 * disabled by failures) are conditional updates that bump the version too, so an admin's save based
 * on an older read cannot undo them. Disabling and enabling carry their activity event.
 */
@Component
public class DestinationStore {

  /** Longer than any answer MongoDB gives when it answers at all. */
  private static final Duration SHARED_READ = Duration.ofSeconds(10);

  private final ReactiveMongoTemplate mongo;
  private final ActivityPublisher activity;

  /**
   * What every delivery attempt reads, kept for {@code parcelbell.flow.destination-cache}: one read
   * per destination that long instead of one per attempt (a MongoDB round trip per delivery was a
   * sixth of the flow benchmark's). Every change made through this store drops the entry at once;
   * one made on another replica reaches this replica's deliveries within that time, as it would not
   * reach an attempt already under way either. A delivery parked on a stale "disabled" is released
   * by the worker's own check, which reads afresh.
   */
  private final AsyncCache<String, DestinationDocument> forDeliveries;

  DestinationStore(
      ReactiveMongoTemplate mongo, ActivityPublisher activity, FlowProperties properties) {
    this.mongo = mongo;
    this.activity = activity;
    Duration keep = properties.destinationCache();
    this.forDeliveries =
        Caffeine.newBuilder()
            .expireAfterWrite(keep)
            .maximumSize(keep.isZero() ? 0 : 10_000)
            .buildAsync();
  }

  public Mono<DestinationDocument> insert(DestinationDocument destination) {
    return mongo.insert(destination);
  }

  public Mono<DestinationDocument> save(DestinationDocument destination) {
    return changing(destination.id(), mongo.save(destination));
  }

  public Mono<Void> delete(DestinationDocument destination) {
    return changing(destination.id(), mongo.remove(destination)).then();
  }

  public Mono<DestinationDocument> find(String id) {
    return mongo.findById(id, DestinationDocument.class);
  }

  /** {@link #find}, as a delivery attempt reads it: at most {@code destination-cache} old. */
  public Mono<DestinationDocument> findForDelivery(String id) {
    // One read however many attempts ask at once (a gone destination is not kept: null is absent).
    // Shared by every attempt waiting for it: one that gives up must not cancel it for the rest.
    // A read that never answers would hold every attempt for this destination: it fails instead,
    // and a failed read is not kept, so the next attempt reads again.
    return Mono.fromFuture(
        () -> forDeliveries.get(id, (key, executor) -> find(key).timeout(SHARED_READ).toFuture()),
        true);
  }

  /** The change, dropping the cached destination before and after it (a read may race it). */
  private <T> Mono<T> changing(String id, Mono<T> change) {
    return Mono.defer(
        () -> {
          forDeliveries.synchronous().invalidate(id);
          return change.doFinally(signal -> forDeliveries.synchronous().invalidate(id));
        });
  }

  public Flux<DestinationDocument> all() {
    return mongo.find(
        new Query().with(Sort.by("createdAt", "_id")).limit(1_000), DestinationDocument.class);
  }

  /** Records a failed attempt: failing since {@code at} unless already failing. */
  public Mono<Void> failing(String id, Instant at) {
    return changing(
            id,
            mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id).and("failingSince").is(null)),
                new Update().set("failingSince", at).inc("version", 1),
                DestinationDocument.class))
        .then();
  }

  /** Records a delivered attempt: no longer failing. */
  public Mono<Void> healthy(String id) {
    return changing(
            id,
            mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id).and("failingSince").ne(null)),
                new Update().unset("failingSince").inc("version", 1),
                DestinationDocument.class))
        .then();
  }

  /** Disables an enabled destination; emits it only when this call disabled it. */
  public Mono<DestinationDocument> disable(String id, String reason, Instant at) {
    return disableWhere(Criteria.where("_id").is(id).and("enabled").is(true), id, reason, at);
  }

  /**
   * Disables it only if it is still failing since {@code threshold} or earlier (a delivered attempt
   * on another replica clears that); emits it when this call disabled it.
   */
  public Mono<DestinationDocument> disableIfFailingSince(
      String id, Instant threshold, String reason, Instant at) {
    return disableWhere(
        Criteria.where("_id").is(id).and("enabled").is(true).and("failingSince").lte(threshold),
        id,
        reason,
        at);
  }

  private Mono<DestinationDocument> disableWhere(
      Criteria where, String id, String reason, Instant at) {
    var changed =
        PendingActivity.of(
            new FlowDestinationChanged(
                id + ":disabled:" + at + ":" + nonce(), id, false, reason, at));
    return changing(
            id,
            mongo.findAndModify(
                Query.query(where),
                new Update()
                    .set("enabled", false)
                    .set("disabledReason", reason)
                    .set("disabledAt", at)
                    .set("updatedAt", at)
                    .push(PendingActivity.FIELD, changed)
                    .inc("version", 1),
                FindAndModifyOptions.options().returnNew(true),
                DestinationDocument.class))
        .flatMap(
            d ->
                activity
                    .publish(DestinationDocument.COLLECTION, id, List.of(changed))
                    .thenReturn(d));
  }

  /** Enables a disabled destination, forgetting its failures; emits it when this call did. */
  public Mono<DestinationDocument> enable(String id, Instant at) {
    var changed =
        PendingActivity.of(
            new FlowDestinationChanged(id + ":enabled:" + at + ":" + nonce(), id, true, null, at));
    return changing(
            id,
            mongo.findAndModify(
                Query.query(Criteria.where("_id").is(id).and("enabled").is(false)),
                new Update()
                    .set("enabled", true)
                    .unset("disabledReason")
                    .unset("disabledAt")
                    .unset("failingSince")
                    .set("updatedAt", at)
                    .push(PendingActivity.FIELD, changed)
                    .inc("version", 1),
                FindAndModifyOptions.options().returnNew(true),
                DestinationDocument.class))
        .flatMap(
            d ->
                activity
                    .publish(DestinationDocument.COLLECTION, id, List.of(changed))
                    .thenReturn(d));
  }

  /** Each change its own event id (an undone change and its redo are two changes). */
  private static String nonce() {
    return java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}

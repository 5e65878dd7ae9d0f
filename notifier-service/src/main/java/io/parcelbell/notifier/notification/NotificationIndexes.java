package io.parcelbell.notifier.notification;

import io.parcelbell.contracts.mongo.IndexPlan;
import io.parcelbell.contracts.mongo.IndexPlan.Spec;
import io.parcelbell.contracts.mongo.IndexPlanHealth;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.config.RetentionProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * The secondary indexes for real MongoDB: by due time (the release job) and the retention TTL on
 * {@code endedAt}. Every other query is by {@code _id} (a shipment's notifications are an {@code
 * _id $in} of their derived ids). Until both exist the health contributor {@code mongoIndexes} is
 * DOWN, and it is part of the readiness group; a failure is logged as an ERROR and retried without
 * limit (IndexPlan). mongo-java-server accepts and ignores both.
 */
@Configuration(proxyBeanMethods = false)
class NotificationIndexes {

  @Bean
  IndexPlanHealth mongoIndexes(
      ReactiveMongoTemplate mongo,
      RetentionProperties retention,
      NotifierProperties notifier,
      Clock clock) {
    // A working document deleted inside its dedup window or Bizgo's idempotency TTL would let
    // the same status be sent twice.
    if (retention.afterEnd().compareTo(notifier.dedupWindow()) < 0
        || retention.afterEnd().compareTo(notifier.bizgo().idempotencyTtl()) < 0) {
      throw new IllegalArgumentException(
          "parcelbell.notifier.retention.after-end must be at least the dedup-window and"
              + " bizgo.idempotency-ttl");
    }
    String collection = mongo.getCollectionName(NotificationDocument.class);
    return new IndexPlanHealth(
        new IndexPlan(
            mongo,
            List.of(
                Spec.of(
                    collection,
                    new Index().on("state", Sort.Direction.ASC).on("releaseAt", Sort.Direction.ASC),
                    "due"),
                Spec.expiring(collection, NotificationStore.ENDED_AT, retention.afterEnd())),
            () -> endedWithoutEndedAt(mongo, clock)));
  }

  /**
   * Documents an earlier version ended before {@code endedAt} existed: their retention starts now
   * rather than never (idempotent; after the indexes, before readiness).
   */
  static Mono<Void> endedWithoutEndedAt(ReactiveMongoTemplate mongo, Clock clock) {
    return mongo
        .updateMulti(
            Query.query(
                Criteria.where("state")
                    .in(
                        DispatchState.DISPATCHED,
                        DispatchState.DEAD_LETTER,
                        DispatchState.SUPERSEDED)
                    .and(NotificationStore.ENDED_AT)
                    .exists(false)),
            new Update().set(NotificationStore.ENDED_AT, clock.instant()),
            NotificationDocument.class)
        .then();
  }
}

package io.parcelbell.notifier.notification;

import io.parcelbell.contracts.mongo.IndexPlan;
import io.parcelbell.contracts.mongo.IndexPlan.Spec;
import io.parcelbell.contracts.mongo.IndexPlanHealth;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.config.RetentionProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

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
      ReactiveMongoTemplate mongo, RetentionProperties retention, NotifierProperties notifier) {
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
                Spec.expiring(collection, NotificationStore.ENDED_AT, retention.afterEnd()))));
  }
}

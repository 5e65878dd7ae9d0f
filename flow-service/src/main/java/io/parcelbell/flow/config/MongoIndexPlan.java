package io.parcelbell.flow.config;

import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.mongo.IndexPlan;
import io.parcelbell.contracts.mongo.IndexPlan.Spec;
import io.parcelbell.contracts.mongo.IndexPlanHealth;
import io.parcelbell.flow.delivery.DeliveryDocument;
import io.parcelbell.flow.delivery.DeliveryStore;
import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.flows.FlowDocument;
import io.parcelbell.flow.runs.RunDocument;
import io.parcelbell.flow.runs.RunStore;
import io.parcelbell.flow.shipments.ShipmentFacts;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * An index for every query flow-service runs, and the retention of parcels' facts. Until all exist
 * the health contributor {@code mongoIndexes} is DOWN (part of readiness); failures are logged as
 * errors and retried (IndexPlan).
 */
@Configuration(proxyBeanMethods = false)
class MongoIndexPlan {

  @Bean
  IndexPlanHealth mongoIndexes(ReactiveMongoTemplate mongo, FlowProperties properties) {
    return new IndexPlanHealth(new IndexPlan(mongo, specs(properties)));
  }

  static List<Spec> specs(FlowProperties properties) {
    String runs = RunDocument.COLLECTION;
    String deliveries = DeliveryDocument.COLLECTION;
    return List.of(
        // Due runs (WAITING by dueAt) and lapsed claims (RUNNING by leaseUntil).
        Spec.of(runs, new Index().on("state", Direction.ASC).on("dueAt", Direction.ASC)),
        Spec.of(runs, new Index().on("state", Direction.ASC).on("leaseUntil", Direction.ASC)),
        // GET /api/runs: newest first, by flow, by state.
        Spec.of(runs, newest(new Index().on("flowId", Direction.ASC))),
        Spec.of(runs, newest(new Index().on("state", Direction.ASC))),
        Spec.of(runs, newest(new Index())),
        // Due deliveries; a run's deliveries; a destination's (recover, the API).
        Spec.of(
            deliveries, new Index().on("state", Direction.ASC).on("nextAttemptAt", Direction.ASC)),
        Spec.of(deliveries, new Index().on("runId", Direction.ASC)),
        Spec.of(deliveries, newest(new Index().on("destinationId", Direction.ASC))),
        // The enabled flows, re-read every few seconds.
        Spec.of(FlowDocument.COLLECTION, new Index().on("enabled", Direction.ASC)),
        // Ended runs and deliveries hold the event and the rendered body: gone after the retention.
        Spec.expiring(runs, RunStore.ENDED_AT, properties.historyRetention()),
        Spec.expiring(deliveries, DeliveryStore.ENDED_AT, properties.historyRetention()),
        // Activity Kafka did not take at once (the relay's query), per collection.
        Spec.of(runs, new Index().on("pendingActivity.eventId", Direction.ASC)),
        Spec.of(deliveries, new Index().on("pendingActivity.eventId", Direction.ASC)),
        Spec.of(
            DestinationDocument.COLLECTION,
            new Index().on("pendingActivity.eventId", Direction.ASC)),
        // Parked deliveries of a destination enabled again.
        Spec.of(
            deliveries,
            new Index()
                .on("destinationId", Direction.ASC)
                .on("state", Direction.ASC)
                .on("parked", Direction.ASC)),
        // A parcel's facts hold its phone and name: gone after the retention.
        Spec.expiring(
            ShipmentFacts.COLLECTION, ShipmentFacts.LAST_SEEN_AT, properties.shipmentRetention()),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(0)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(1)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(2)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(3)));
  }

  private static Index newest(Index index) {
    return index.on("createdAt", Direction.DESC).on("_id", Direction.DESC);
  }
}

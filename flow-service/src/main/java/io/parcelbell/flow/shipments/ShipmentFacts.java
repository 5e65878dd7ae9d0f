package io.parcelbell.flow.shipments;

import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What this service has seen of each parcel, from the shipment events: the statuses it reached (for
 * exit conditions: "has it been RETURNED since the trigger?") and its latest metadata (a
 * notification event carries no phone or name; a flow on it takes them from here). Holds personal
 * data, so it expires {@code parcelbell.flow.shipment-retention} after the parcel's last event.
 */
@Component
public class ShipmentFacts {

  /** One parcel. {@code lastSeenAt} carries the retention TTL index. */
  @Document(COLLECTION)
  public record Shipment(
      @Id String id, ShipmentMetadata metadata, List<Seen> statuses, Instant lastSeenAt) {

    public Shipment {
      statuses = statuses == null ? List.of() : statuses;
    }
  }

  /** A status the parcel reached, when, and by which event. */
  public record Seen(String status, Instant occurredAt, String eventId) {}

  public static final String COLLECTION = "shipments";
  public static final String LAST_SEEN_AT = "lastSeenAt";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  ShipmentFacts(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Records the event; seeing it again changes nothing. */
  public Mono<Void> saw(ShipmentStatusChanged event) {
    return mongo.upsert(byKey(event), seen(event), Shipment.class).then();
  }

  /**
   * {@link #saw} for a polled batch's events, in one command: in their order (the latest event of a
   * parcel leaves its metadata), stopping at the first that fails, so what follows it is recorded
   * again, in order, when the batch is.
   */
  public Mono<Void> sawAll(List<ShipmentStatusChanged> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    var bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, Shipment.class);
    events.forEach(event -> bulk.upsert(byKey(event), seen(event)));
    return bulk.execute().then();
  }

  private static Query byKey(ShipmentStatusChanged event) {
    return Query.query(Criteria.where("_id").is(event.shipmentKey()));
  }

  private Update seen(ShipmentStatusChanged event) {
    Update update =
        new Update()
            .addToSet("statuses", new Seen(event.status(), event.occurredAt(), event.eventId()))
            .set(LAST_SEEN_AT, clock.instant());
    ShipmentMetadata m = event.metadata();
    setIfPresent(update, "metadata.orderId", m.orderId());
    setIfPresent(update, "metadata.customerPhone", m.customerPhone());
    setIfPresent(update, "metadata.customerName", m.customerName());
    setIfPresent(update, "metadata.productName", m.productName());
    setIfPresent(update, "metadata.courierName", m.courierName());
    return update;
  }

  public Mono<ShipmentMetadata> metadataOf(String shipmentKey) {
    return mongo
        .findById(shipmentKey, Shipment.class)
        .map(s -> s.metadata() == null ? ShipmentMetadata.EMPTY : s.metadata())
        .defaultIfEmpty(ShipmentMetadata.EMPTY);
  }

  /**
   * The earliest of {@code statuses} the parcel reached at or after {@code since}, not counting the
   * triggering event itself.
   */
  public Mono<Optional<Seen>> reached(
      String shipmentKey, Collection<String> statuses, Instant since, String triggerEventId) {
    return mongo
        .findById(shipmentKey, Shipment.class)
        .map(
            s ->
                s.statuses().stream()
                    .filter(seen -> statuses.contains(seen.status()))
                    .filter(seen -> !seen.occurredAt().isBefore(since))
                    .filter(seen -> !seen.eventId().equals(triggerEventId))
                    .min(Comparator.comparing(Seen::occurredAt)))
        .defaultIfEmpty(Optional.empty());
  }

  private static void setIfPresent(Update update, String field, String value) {
    if (value != null) {
      update.set(field, value);
    }
  }
}

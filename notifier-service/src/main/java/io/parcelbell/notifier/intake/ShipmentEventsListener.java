package io.parcelbell.notifier.intake;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.notifier.claims.NotifyShipmentStatus;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The shipment-status topic, in batches: different shipments concurrently, one shipment's statuses
 * in order (records of one shipment share a key), see {@link KeyOrderedBatch}.
 */
@Component
class ShipmentEventsListener {

  static final String ID = "shipment-status";

  private static final Logger log = LoggerFactory.getLogger(ShipmentEventsListener.class);

  private final NotifyShipmentStatus notifyShipmentStatus;
  private final KeyOrderedBatch batch;

  ShipmentEventsListener(NotifyShipmentStatus notifyShipmentStatus, KeyOrderedBatch batch) {
    this.notifyShipmentStatus = notifyShipmentStatus;
    this.batch = batch;
  }

  @KafkaListener(
      id = ID,
      topics = Topics.SHIPMENT_STATUS,
      groupId = "${spring.kafka.consumer.group-id:parcelbell-notifier}",
      batch = "true")
  void on(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    batch.process(ID, records, this::handle);
  }

  private Mono<Void> handle(ParcelbellEvent event) {
    if (event instanceof ShipmentStatusChanged changed) {
      return notifyShipmentStatus.handle(changed);
    }
    if (event instanceof UnknownEvent unknown) {
      // A type from a newer producer: topics evolve additively, so skip rather than dead-letter.
      log.debug("skipping unknown event type {} ({})", unknown.type(), unknown.eventId());
    } else {
      log.debug("skipping {} on {}", event.getClass().getSimpleName(), Topics.SHIPMENT_STATUS);
    }
    return Mono.empty();
  }
}

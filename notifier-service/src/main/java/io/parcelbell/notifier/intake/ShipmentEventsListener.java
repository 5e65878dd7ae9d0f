package io.parcelbell.notifier.intake;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.notifier.dispatch.NotifyShipmentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The shipment-status topic, one handler per event type. Records of one shipment share a key and a
 * partition, and each is handled to the end on this thread before the next.
 */
@Component
@KafkaListener(
    id = ShipmentEventsListener.ID,
    topics = Topics.SHIPMENT_STATUS,
    groupId = "${spring.kafka.consumer.group-id:parcelbell-notifier}")
class ShipmentEventsListener {

  static final String ID = "shipment-status";

  private static final Logger log = LoggerFactory.getLogger(ShipmentEventsListener.class);

  private final NotifyShipmentStatus notifyShipmentStatus;

  ShipmentEventsListener(NotifyShipmentStatus notifyShipmentStatus) {
    this.notifyShipmentStatus = notifyShipmentStatus;
  }

  @KafkaHandler
  void on(ShipmentStatusChanged event) {
    notifyShipmentStatus.handle(event);
  }

  /** A type from a newer producer: topics evolve additively, so skip rather than dead-letter. */
  @KafkaHandler
  void on(UnknownEvent event) {
    log.debug("skipping unknown event type {} ({})", event.type(), event.eventId());
  }

  @KafkaHandler(isDefault = true)
  void onOther(ParcelbellEvent event) {
    log.debug("skipping {} on {}", event.getClass().getSimpleName(), Topics.SHIPMENT_STATUS);
  }
}

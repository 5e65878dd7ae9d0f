package io.parcelbell.contracts.events;

import java.time.Instant;

/**
 * Every event on a parcelbell topic. The CloudEvents headers are derived from it: {@code ce_id} =
 * {@link #eventId()}, {@code ce_type} = {@link EventTypes#typeOf}, {@code ce_time} = {@link
 * #occurredAt()}, {@code ce_subject} and the Kafka key = {@link #shipmentKey()}.
 */
public sealed interface ParcelbellEvent
    permits ShipmentStatusChanged,
        NotificationHeld,
        NotificationDispatched,
        NotificationRejected,
        NotificationSuperseded,
        NotificationSettled,
        ResendRequested,
        FlowRunChanged,
        FlowDeliveryChanged,
        FlowDestinationChanged,
        UnknownEvent {

  /** Stable for the same fact: a redelivered or re-published event keeps its id. */
  String eventId();

  Instant occurredAt();

  /** {@code courierCode:trackingNumber}, the Kafka key. */
  String shipmentKey();
}

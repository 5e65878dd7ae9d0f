package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/** A held notification was replaced, before release, by a newer status of the same shipment. */
public record NotificationSuperseded(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String supersededBy,
    Instant occurredAt)
    implements ParcelbellEvent {

  public NotificationSuperseded {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.text(supersededBy, "supersededBy");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

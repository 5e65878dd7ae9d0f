package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/** A notification waits for quiet hours to end; it is due at {@code releaseAt}. */
public record NotificationHeld(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String maskedRecipient,
    Instant releaseAt,
    Instant occurredAt)
    implements ParcelbellEvent {

  public NotificationHeld {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.present(releaseAt, "releaseAt");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

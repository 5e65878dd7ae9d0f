package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * A parcel changed status at its courier (one item of a DeliveryAPI webhook). {@code status} is
 * DeliveryAPI's value as received; an unknown status is still published and consumers decide.
 */
public record ShipmentStatusChanged(
    String eventId,
    String courierCode,
    String trackingNumber,
    String status,
    boolean delivered,
    String clientId,
    String deliveryStatusText,
    String lastLocation,
    ShipmentMetadata metadata,
    Instant occurredAt)
    implements ParcelbellEvent {

  public ShipmentStatusChanged {
    Require.text(eventId, "eventId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(status, "status");
    Require.present(occurredAt, "occurredAt");
    metadata = metadata == null ? ShipmentMetadata.EMPTY : metadata;
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

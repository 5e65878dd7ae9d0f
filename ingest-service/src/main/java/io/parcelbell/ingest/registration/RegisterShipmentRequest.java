package io.parcelbell.ingest.registration;

import io.parcelbell.contracts.events.ShipmentMetadata;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A shop's request to track a parcel. The metadata travels to DeliveryAPI and comes back on every
 * webhook, so nothing has to be looked up when a status changes.
 */
record RegisterShipmentRequest(
    @NotBlank @Size(max = 64) String courierCode,
    @NotBlank @Size(max = 64) String trackingNumber,
    @Size(max = 128) String clientId,
    ShipmentMetadata metadata) {

  RegisterShipmentRequest {
    metadata = metadata == null ? ShipmentMetadata.EMPTY : metadata;
  }
}

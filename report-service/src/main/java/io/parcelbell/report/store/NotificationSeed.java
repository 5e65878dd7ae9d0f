package io.parcelbell.report.store;

import java.util.Objects;

/** What every lifecycle event knows about its notification: enough to create the document. */
public record NotificationSeed(
    String id,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String recipient) {

  public NotificationSeed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(courierCode, "courierCode");
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    Objects.requireNonNull(shipmentStatus, "shipmentStatus");
    recipient = Recipients.masked(recipient);
  }
}

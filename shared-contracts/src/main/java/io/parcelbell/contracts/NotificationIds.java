package io.parcelbell.contracts;

import java.util.Objects;

/**
 * The deterministic notification id {@code {courierCode}:{trackingNumber}:{status}} (DESIGN.md,
 * "Notification state"). Every service derives it, so every write about a notification is an
 * idempotent upsert on the same document.
 */
public final class NotificationIds {

  private NotificationIds() {}

  public static String of(String courierCode, String trackingNumber, String shipmentStatus) {
    return ShipmentKey.of(courierCode, trackingNumber)
        + ":"
        + Objects.requireNonNull(shipmentStatus, "shipmentStatus");
  }
}

package io.parcelbell.notifier.support;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Instant;
import java.util.UUID;

/** Shipment events for the tests: a new shipment each, or the next status of one. */
public final class ShipmentEvents {

  private ShipmentEvents() {}

  public static ShipmentStatusChanged event(String status, String phone) {
    String tracking = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    return of(tracking, "ORD-" + tracking.substring(0, 6), status, phone);
  }

  /** A status of the shipment {@code tracking} (courier cj) of order {@code orderId}. */
  public static ShipmentStatusChanged of(
      String tracking, String orderId, String status, String phone) {
    return new ShipmentStatusChanged(
        UUID.randomUUID().toString(),
        "cj",
        tracking,
        status,
        "DELIVERED".equals(status),
        orderId,
        "상태",
        "서울 강남",
        new ShipmentMetadata(orderId, phone, "김민지", "귤 5kg", "CJ대한통운"),
        Instant.now());
  }

  public static ShipmentStatusChanged sameShipment(ShipmentStatusChanged e, String status) {
    return new ShipmentStatusChanged(
        UUID.randomUUID().toString(),
        e.courierCode(),
        e.trackingNumber(),
        status,
        "DELIVERED".equals(status),
        e.clientId(),
        e.deliveryStatusText(),
        e.lastLocation(),
        e.metadata(),
        Instant.now());
  }

  public static String idOf(ShipmentStatusChanged e) {
    return NotificationIds.of(e.courierCode(), e.trackingNumber(), e.status());
  }
}

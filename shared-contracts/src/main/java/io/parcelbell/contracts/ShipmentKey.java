package io.parcelbell.contracts;

import java.util.Objects;

/**
 * The Kafka key of every parcelbell topic: {@code courierCode:trackingNumber}. One key per shipment
 * keeps each shipment's events in order end to end.
 */
public final class ShipmentKey {

  private ShipmentKey() {}

  public static String of(String courierCode, String trackingNumber) {
    return Objects.requireNonNull(courierCode, "courierCode")
        + ":"
        + Objects.requireNonNull(trackingNumber, "trackingNumber");
  }
}

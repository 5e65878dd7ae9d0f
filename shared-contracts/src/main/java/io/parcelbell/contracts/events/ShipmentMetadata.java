package io.parcelbell.contracts.events;

/**
 * What the shop registered with the parcel and DeliveryAPI echoes on every webhook. All fields are
 * optional: a shipment registered elsewhere may carry none. {@code customerPhone} is personal data.
 */
public record ShipmentMetadata(
    String orderId,
    String customerPhone,
    String customerName,
    String productName,
    String courierName) {

  public static final ShipmentMetadata EMPTY = new ShipmentMetadata(null, null, null, null, null);

  /** Field by field, a value of {@code override} wins where it is present. */
  public ShipmentMetadata overriddenBy(ShipmentMetadata override) {
    if (override == null) {
      return this;
    }
    return new ShipmentMetadata(
        pick(override.orderId, orderId),
        pick(override.customerPhone, customerPhone),
        pick(override.customerName, customerName),
        pick(override.productName, productName),
        pick(override.courierName, courierName));
  }

  private static String pick(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  @Override
  public String toString() {
    // Never print the phone number: records end up in logs.
    return "ShipmentMetadata[orderId=%s, customerPhone=%s]"
        .formatted(orderId, io.parcelbell.contracts.PhoneMasking.mask(customerPhone));
  }
}

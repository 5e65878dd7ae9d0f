package io.parcelbell.ingest.registration;

/**
 * The JSON body of {@code POST /api/shipments}, as sent. Nothing is checked here: {@link
 * RegisterShipmentCommand} validates, so a wrong value is answered with its JSON pointer.
 */
record RegisterShipmentRequest(
    String orderId,
    String courierCode,
    String trackingNumber,
    String customerPhone,
    String customerName,
    String productName,
    String courierName) {

  @Override
  public String toString() {
    // Only the command holds a validated phone; this one is never printed at all.
    return "RegisterShipmentRequest[orderId=" + orderId + ", courierCode=" + courierCode + "]";
  }
}

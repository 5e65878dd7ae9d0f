package io.parcelbell.localstack.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DeliveryAPI "DELIVERED" webhook like /work/shared/vectors/deliveryapi-webhook.body.json,
 * freshly signed.
 */
public final class DeliveryWebhook {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeliveryWebhook() {}

  /**
   * The body for one cj parcel; the order id is derived from the tracking number so each run is
   * unique.
   */
  public static String body(String trackingNumber, String phone) {
    ObjectNode root = MAPPER.createObjectNode().put("event", "tracking.status_changed");
    String orderId = "ORD-LOCAL-" + trackingNumber;
    ObjectNode item = root.putArray("items").addObject();
    item.put("clientId", orderId)
        .put("courierCode", "cj")
        .put("trackingNumber", trackingNumber)
        .put("currentStatus", "DELIVERED")
        .put("isDelivered", true);
    item.putObject("trackingData").put("deliveryStatusText", "배송완료").put("lastLocation", "서울 강남");
    root.putObject("metadata")
        .put("orderId", orderId)
        .put("customerPhone", phone)
        .put("customerName", "홍길동")
        .put("productName", "제주 감귤 5kg")
        .put("courierName", "CJ대한통운");
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * POST {ingest}/api/webhook/delivery with a timestamp of now, so it is inside the 300 s
   * tolerance.
   */
  public static HttpRequest request(String ingestUrl, String secret, byte[] body, Clock clock) {
    long timestamp = clock.instant().getEpochSecond();
    return HttpRequest.newBuilder(URI.create(ingestUrl + "/api/webhook/delivery"))
        .header("Content-Type", "application/json")
        .header("X-Webhook-Timestamp", String.valueOf(timestamp))
        .header("X-Webhook-Signature", WebhookSignature.sign(secret, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}

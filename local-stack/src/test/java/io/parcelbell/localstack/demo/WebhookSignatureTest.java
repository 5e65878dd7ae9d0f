package io.parcelbell.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /**
   * The byte-exact sample of /work/shared/vectors (deliveryapi-webhook.body.json, no trailing
   * newline).
   */
  private static final String VECTOR_BODY =
      "{\"event\":\"tracking.status_changed\",\"items\":[{\"clientId\":\"ORD-20260221-001\",\"courierCode\":\"cj\","
          + "\"trackingNumber\":\"123456789012\",\"currentStatus\":\"DELIVERED\",\"isDelivered\":true,"
          + "\"trackingData\":{\"deliveryStatusText\":\"배송완료\",\"lastLocation\":\"서울 강남\"}}],"
          + "\"metadata\":{\"orderId\":\"ORD-20260221-001\",\"customerPhone\":\"01012345678\","
          + "\"customerName\":\"홍길동\",\"productName\":\"제주 감귤 5kg\",\"courierName\":\"CJ대한통운\"}}";

  @Test
  void signsTheSharedTestVector() {
    assertThat(
            WebhookSignature.sign(
                "local-deliveryapi-secret",
                1767225600L,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=eb7e8a28e5aae48e9cbffbb0a6de02c5bc92fe1c6d936ed40144109d9159669e");
  }

  @Test
  void theDemoBodyHasTheVectorsShape() {
    assertThat(DeliveryWebhook.body("123456789012", "01012345678"))
        .contains(
            "\"courierCode\":\"cj\",\"trackingNumber\":\"123456789012\",\"currentStatus\":\"DELIVERED\"")
        .contains("\"customerPhone\":\"01012345678\"");
  }
}

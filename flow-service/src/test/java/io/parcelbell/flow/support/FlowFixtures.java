package io.parcelbell.flow.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Destinations, flows and events as the integration tests set them up, through the real API. */
public final class FlowFixtures {

  /** A destination as created: its id and its signing secret (shown once). */
  public record Destination(String id, String secret) {}

  private FlowFixtures() {}

  @SuppressWarnings("unchecked")
  public static Destination destination(WebTestClient web, Map<String, Object> body) {
    Map<String, Object> created =
        SignedIn.as(web, "ADMIN")
            .post()
            .uri("/api/destinations")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return new Destination(
        (String) ((Map<String, Object>) created.get("destination")).get("id"),
        (String) created.get("signingSecret"));
  }

  /** Creates the flow enabled; its id. */
  public static String enabledFlow(WebTestClient web, Map<String, Object> definition) {
    Map<String, Object> body = new LinkedHashMap<>(definition);
    body.put("enabled", true);
    Map<String, Object> created =
        SignedIn.as(web, "ADMIN")
            .post()
            .uri("/api/flows")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return (String) created.get("id");
  }

  public static Map<String, Object> condition(String field, String operator, String value) {
    return Map.of("field", field, "operator", operator, "values", List.of(value));
  }

  public static Map<String, Object> webhook(String destinationId, String body) {
    return Map.of("type", "webhook", "destinationId", destinationId, "body", body);
  }

  public static ShipmentStatusChanged shipment(
      String courier, String tracking, String status, Instant at) {
    return new ShipmentStatusChanged(
        "evt-" + courier + "-" + tracking + "-" + status,
        courier,
        tracking,
        status,
        status.equals("DELIVERED"),
        null,
        null,
        null,
        new ShipmentMetadata("ORD-" + tracking, "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운"),
        at);
  }

  public static void publish(KafkaTemplate<String, ParcelbellEvent> kafka, ParcelbellEvent event) {
    String topic =
        event instanceof ShipmentStatusChanged
            ? Topics.SHIPMENT_STATUS
            : Topics.NOTIFICATION_OUTCOME;
    try {
      kafka.send(topic, event.shipmentKey(), event).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

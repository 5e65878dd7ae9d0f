package io.parcelbell.flow.backtest;

import static io.parcelbell.flow.support.FlowFixtures.condition;
import static io.parcelbell.flow.support.FlowFixtures.shipment;
import static io.parcelbell.flow.support.FlowFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.flow.support.FlowFixtures;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A backtest on a topic with known content: it counts the runs a draft would have started and
 * exited and renders samples, and starts, stores and sends nothing.
 */
@IntegrationTest
class BacktestTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void aDraftIsCountedAgainstTheTriggersRecentEventsWithoutRunning() {
    String prefix = "B" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    Instant since = Instant.now().minusSeconds(2);
    for (int i = 0; i < 5; i++) {
      FlowFixtures.publish(kafka, shipment("cj", prefix + i, "DELIVERED", Instant.now()));
    }
    FlowFixtures.publish(kafka, shipment("cj", prefix + "X", "PICKED_UP", Instant.now()));
    FlowFixtures.publish(
        kafka, shipment("cj", prefix + "0", "RETURNED", Instant.now().plusSeconds(60)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                mongo
                    .exists(
                        Query.query(
                            Criteria.where("_id")
                                .is("cj:" + prefix + "0")
                                .and("statuses.status")
                                .is("RETURNED")),
                        "shipments")
                    .block());

    Map<String, Object> draft =
        Map.of(
            "name",
            "Review request",
            "trigger",
            "SHIPMENT_STATUS_CHANGED",
            "filter",
            Map.of(
                "allOf",
                List.of(
                    condition("status", "EQUALS", "DELIVERED"),
                    condition("trackingNumber", "STARTS_WITH", prefix))),
            "steps",
            List.of(
                Map.of("type", "delay", "businessDays", 3, "at", "10:00"),
                Map.of("type", "exit", "shipmentReached", List.of("RETURNED")),
                webhook(
                    "dst_unused",
                    "{\"order\": \"{{ metadata.orderId }}\", \"phone\":"
                        + " \"{{ metadata.customerPhone }}\"}")));
    var destination =
        FlowFixtures.destination(web, Map.of("name", "bt", "url", "http://127.0.0.1:9/bt"));
    @SuppressWarnings("unchecked")
    var steps = (List<Map<String, Object>>) draft.get("steps");
    var withDestination = new java.util.HashMap<>(draft);
    withDestination.put(
        "steps",
        List.of(
            steps.get(0),
            steps.get(1),
            webhook(destination.id(), (String) steps.get(2).get("body"))));

    SignedIn.as(web, "ADMIN")
        .post()
        .uri("/api/flows/backtest?since={since}", since.toString())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(withDestination)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.wouldStart")
        .isEqualTo(5)
        .jsonPath("$.wouldExit")
        .isEqualTo(1)
        .jsonPath("$.complete")
        .isEqualTo(true)
        .jsonPath("$.samples.length()")
        .isEqualTo(3)
        .jsonPath("$.samples[0].webhooks[0].body")
        .value(
            body ->
                assertThat((String) body).contains("010-****-5678").doesNotContain("01012345678"));

    assertThat(
            mongo
                .count(Query.query(Criteria.where("shipmentKey").regex("^cj:" + prefix)), "runs")
                .block())
        .isZero();
  }

  @Test
  void aPreviewRendersTheSampleEventAndATestSendIsSignedAndAnswered() throws Exception {
    var receiver = new okhttp3.mockwebserver.MockWebServer();
    receiver.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(204));
    receiver.start();
    var destination =
        FlowFixtures.destination(
            web, Map.of("name", "test", "url", receiver.url("/test").toString()));

    SignedIn.as(web, "ADMIN")
        .post()
        .uri("/api/flows/preview")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "name", "preview",
                "trigger", "NOTIFICATION_SETTLED",
                "steps",
                    List.of(
                        webhook(
                            destination.id(),
                            "{\"text\": \"{{ notification.reason }} {{ metadata.customerName }}\"}"))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.webhooks[0].body")
        .isEqualTo("{\"text\": \"23000 Not found subscriber 홍*동\"}");

    SignedIn.as(web, "OPERATOR")
        .post()
        .uri("/api/destinations/{id}/test", destination.id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(204);
    var request = receiver.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    String body = request.getBody().readUtf8();
    assertThat(body).contains("parcelbell.test");
    new com.standardwebhooks.Webhook(destination.secret())
        .verify(
            body,
            Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature"))));
    receiver.shutdown();
  }
}

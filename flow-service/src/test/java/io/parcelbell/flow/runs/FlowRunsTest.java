package io.parcelbell.flow.runs;

import static io.parcelbell.flow.support.FlowFixtures.condition;
import static io.parcelbell.flow.support.FlowFixtures.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.FlowDeliveryChanged;
import io.parcelbell.contracts.events.FlowRunChanged;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.flow.delivery.DeliveryDocument;
import io.parcelbell.flow.delivery.DeliveryState;
import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.support.ActivityTopic;
import io.parcelbell.flow.support.FlowFixtures;
import io.parcelbell.flow.support.FlowFixtures.Destination;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.ShiftableClock;
import io.parcelbell.flow.support.SignedIn;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issue's three flows, end to end through Kafka, MongoDB and a receiver (MockWebServer):
 * triggered, filtered, delayed by business days with a moved clock, exited, rendered, signed
 * (verified with the Standard Webhooks reference library), retried, and one run per event.
 */
@IntegrationTest
class FlowRunsTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired ShiftableClock clock;
  @Autowired ActiveFlows activeFlows;
  @Autowired ReactiveMongoTemplate mongo;

  @org.springframework.beans.factory.annotation.Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private final MockWebServer receiver = new MockWebServer();
  private final ConcurrentLinkedQueue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private volatile int answer = 200;
  private final String prefix = "F" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

  @BeforeEach
  void receive() throws IOException {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request);
            if (failFirst.getAndDecrement() > 0) {
              return new MockResponse().setResponseCode(503).setBody("busy");
            }
            return new MockResponse().setResponseCode(answer).setBody("{\"ok\":true}");
          }
        });
    receiver.start();
  }

  @AfterEach
  void stop() throws IOException {
    receiver.shutdown();
    clock.reset();
  }

  @Test
  void theErpGetsEveryPickupOfCourierCjOnceSignedSoItCanVerify() throws Exception {
    var destination = destination("/erp");
    String flowId =
        flow(
            Map.of(
                "name",
                "ERP pickups",
                "trigger",
                "SHIPMENT_STATUS_CHANGED",
                "filter",
                Map.of(
                    "allOf",
                    List.of(
                        condition("status", "EQUALS", "PICKED_UP"),
                        condition("courierCode", "EQUALS", "cj"),
                        condition("trackingNumber", "STARTS_WITH", prefix))),
                "steps",
                List.of(
                    Map.of(
                        "type",
                        "webhook",
                        "destinationId",
                        destination.id(),
                        "body",
                        "{\"orderId\": {{ metadata.orderId | json }},"
                            + " \"trackingNumber\": \"{{ shipment.trackingNumber }}\"}",
                        "headers",
                        Map.of("X-Order", "{{ metadata.orderId }}")))));

    var pickup = shipment("cj", prefix + "1", "PICKED_UP", Instant.now());
    publish(pickup);
    publish(pickup); // redelivered: still one run
    publish(shipment("lotte", prefix + "2", "PICKED_UP", Instant.now()));
    publish(shipment("cj", prefix + "3", "DELIVERED", Instant.now()));

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> received.size() == 1);
    RecordedRequest request = received.peek();
    String body = request.getBody().readUtf8();
    new Webhook(destination.secret())
        .verify(
            body,
            Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature"))));
    JsonNode json = JsonMapper.builder().build().readTree(body);
    assertThat(json.get("orderId").asString()).isEqualTo("ORD-" + prefix + "1");
    assertThat(json.get("trackingNumber").asString()).isEqualTo(prefix + "1");
    assertThat(request.getHeader("X-Order")).isEqualTo("ORD-" + prefix + "1");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("webhook-id")).startsWith("msg_");

    // Other teams see what happened on the activity topic: the run started and completed, the
    // delivery succeeded (once each, whatever the redelivery).
    String runPrefix = flowId + ":evt-cj-" + prefix + "1-PICKED_UP";
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ActivityTopic.readAll(brokers))
                    .filteredOn(e -> e.eventId().startsWith(runPrefix))
                    .extracting(ParcelbellEvent::getClass, e -> status(e))
                    .containsExactlyInAnyOrder(
                        tuple(FlowRunChanged.class, "STARTED"),
                        tuple(FlowRunChanged.class, "COMPLETED"),
                        tuple(FlowDeliveryChanged.class, "SUCCEEDED")));
    // Once Kafka has them, the events leave the documents that held them (the relay has nothing).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                mongo
                            .count(
                                Query.query(
                                    Criteria.where("flowId")
                                        .is(flowId)
                                        .and("pendingActivity.eventId")
                                        .exists(true)),
                                "runs")
                            .block()
                        + mongo
                            .count(
                                Query.query(
                                    Criteria.where("flowId")
                                        .is(flowId)
                                        .and("pendingActivity.eventId")
                                        .exists(true)),
                                "deliveries")
                            .block()
                    == 0);

    // As stored (written without the document class's metadata, see contracts.mongo.Stored):
    // times as dates, states as names, nested records as plain documents without a type hint.
    org.bson.Document delivery =
        mongo
            .findOne(
                Query.query(Criteria.where("flowId").is(flowId)),
                org.bson.Document.class,
                "deliveries")
            .block();
    assertThat(delivery.get("state")).isEqualTo("DELIVERED");
    assertThat(delivery.get("createdAt")).isInstanceOf(java.util.Date.class);
    org.bson.Document attempt = delivery.getList("attempts", org.bson.Document.class).get(0);
    assertThat(attempt.get("at")).isInstanceOf(java.util.Date.class);
    assertThat(attempt.getInteger("status")).isEqualTo(200);
    assertThat(attempt).doesNotContainKey("_class");
    assertThat(delivery.getList("headers", org.bson.Document.class).get(0))
        .doesNotContainKey("_class")
        .containsKey("name");
    org.bson.Document run =
        mongo
            .findOne(
                Query.query(Criteria.where("flowId").is(flowId)), org.bson.Document.class, "runs")
            .block();
    assertThat(run.get("state")).isEqualTo("DONE");
    assertThat(run.get("endedAt")).isInstanceOf(java.util.Date.class);
    org.bson.Document outcome = run.getList("outcomes", org.bson.Document.class).get(0);
    assertThat(outcome.get("at")).isInstanceOf(java.util.Date.class);
    assertThat(outcome).doesNotContainKey("_class");
  }

  private static String status(ParcelbellEvent event) {
    if (event instanceof FlowRunChanged run) {
      return run.status().name();
    }
    return ((FlowDeliveryChanged) event).outcome().name();
  }

  @Test
  void aReviewRequestGoesThreeBusinessDaysAfterDeliveryAtTenUnlessTheParcelCameBack() {
    // Friday 2 October 2026, 15:00 in Seoul. Monday 5 is 개천절's substitute holiday.
    Instant friday = Instant.parse("2026-10-02T06:00:00Z");
    clock.setTo(friday);
    var destination = destination("/reviews");
    String flowId =
        flow(
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
                    Map.of("type", "exit", "shipmentReached", List.of("RETURNED", "CANCELLED")),
                    Map.of(
                        "type",
                        "webhook",
                        "destinationId",
                        destination.id(),
                        "body",
                        "{\"order\": \"{{ metadata.orderId }}\", \"product\":"
                            + " \"{{ metadata.productName }}\"}"))));

    publish(shipment("cj", prefix + "KEPT", "DELIVERED", friday));
    publish(shipment("cj", prefix + "BACK", "DELIVERED", friday));
    publish(shipment("cj", prefix + "BACK", "RETURNED", friday.plus(Duration.ofHours(20))));

    Instant thursdayTen = Instant.parse("2026-10-08T01:00:00Z");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                runs(flowId).stream()
                        .filter(r -> r.get("state").equals("WAITING"))
                        .filter(r -> thursdayTen.toString().equals(r.get("dueAt")))
                        .count()
                    == 2);
    assertThat(received).isEmpty();

    clock.setTo(thursdayTen.minusSeconds(60));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(received::isEmpty);

    clock.setTo(thursdayTen.plusSeconds(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
    assertThat(received.peek().getBody().readUtf8()).contains("ORD-" + prefix + "KEPT");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(runs(flowId))
                    .extracting(r -> r.get("shipmentKey") + " " + r.get("state"))
                    .containsExactlyInAnyOrder(
                        "cj:" + prefix + "KEPT DONE", "cj:" + prefix + "BACK EXITED"));
    assertThat(runs(flowId))
        .filteredOn(r -> r.get("state").equals("EXITED"))
        .singleElement()
        .satisfies(r -> assertThat((String) r.get("exitReason")).contains("RETURNED"));
  }

  @Test
  void slackHearsOfEveryDeadLetterWithTheOrderTrackingMaskedPhoneAndReason() {
    var destination = destination("/slack");
    flow(
        Map.of(
            "name",
            "Dead letters to Slack",
            "trigger",
            "NOTIFICATION_SETTLED",
            "filter",
            Map.of(
                "allOf",
                List.of(
                    condition("notificationState", "EQUALS", "DEAD_LETTER"),
                    condition("trackingNumber", "STARTS_WITH", prefix))),
            "steps",
            List.of(
                Map.of(
                    "type",
                    "webhook",
                    "destinationId",
                    destination.id(),
                    "body",
                    "{\"text\": \"배송 알림 실패: 주문 {{ metadata.orderId }}, 송장"
                        + " {{ shipment.trackingNumber }}, {{ metadata.customerPhone }},"
                        + " {{ notification.reason }}\"}"))));
    publish(shipment("cj", prefix + "DL", "OUT_FOR_DELIVERY", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                mongo
                    .exists(
                        Query.query(Criteria.where("_id").is("cj:" + prefix + "DL")), "shipments")
                    .block());

    publish(settled(prefix + "DL", SettlementScope.ATTEMPT, NotificationState.DEAD_LETTER));
    publish(settled(prefix + "OK", SettlementScope.NOTIFICATION, NotificationState.SENT));
    publish(settled(prefix + "DL", SettlementScope.NOTIFICATION, NotificationState.DEAD_LETTER));

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> received.size() == 1);
    String text =
        JsonMapper.builder()
            .build()
            .readTree(received.peek().getBody().readUtf8())
            .get("text")
            .asString();
    assertThat(text)
        .isEqualTo(
            "배송 알림 실패: 주문 ORD-"
                + prefix
                + "DL, 송장 "
                + prefix
                + "DL, 010-****-5678, 23000 Not found subscriber");
  }

  @Test
  void aBusyReceiverIsRetriedAndAGoneOneDisablesItsDestination() {
    failFirst.set(2);
    var destination = destination("/busy");
    String flowId =
        flow(
            Map.of(
                "name",
                "Retried",
                "trigger",
                "SHIPMENT_STATUS_CHANGED",
                "filter",
                condition("trackingNumber", "STARTS_WITH", prefix),
                "steps",
                List.of(
                    Map.of(
                        "type", "webhook",
                        "destinationId", destination.id(),
                        "body", "{\"t\": \"{{ shipment.trackingNumber }}\"}"))));
    publish(shipment("cj", prefix + "R", "IN_TRANSIT", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> delivery(flowId, DeliveryState.DELIVERED) != null);
    DeliveryDocument delivered = delivery(flowId, DeliveryState.DELIVERED);
    assertThat(delivered.attempts())
        .extracting(DeliveryDocument.Attempt::status)
        .containsExactly(503, 503, 200);
    assertThat(delivered.attempts().get(0).responseBody()).isEqualTo("busy");
    String metrics =
        web.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(metrics)
        .containsPattern(
            "parcelbell_flow_delivery_attempts_total\\{destination=\""
                + destination.id()
                + "\",verdict=\"RETRY\"[^}]*\\} 2.0")
        .containsPattern(
            "parcelbell_flow_deliveries_ended_total\\{destination=\""
                + destination.id()
                + "\",outcome=\"SUCCEEDED\"[^}]*\\} 1.0")
        .contains("parcelbell_flow_runs_due_lateness_seconds")
        .doesNotContain(receiver.url("/busy").toString());
    // Every retry carries the same webhook-id: the receiver can deduplicate.
    assertThat(received)
        .extracting(r -> r.getHeader("webhook-id"))
        .containsOnly(delivered.webhookId());

    answer = 410;
    publish(shipment("cj", prefix + "G", "IN_TRANSIT", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> !mongo.findById(destination.id(), DestinationDocument.class).block().enabled());
    assertThat(mongo.findById(destination.id(), DestinationDocument.class).block().disabledReason())
        .contains("410");
    assertThat(delivery(flowId, DeliveryState.FAILED)).isNotNull();
  }

  // --- helpers

  private Destination destination(String path) {
    return FlowFixtures.destination(
        web, Map.of("name", path, "url", receiver.url(path).toString()));
  }

  private String flow(Map<String, Object> definition) {
    String id = FlowFixtures.enabledFlow(web, definition);
    activeFlows.refresh();
    return id;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> runs(String flowId) {
    var answer =
        SignedIn.as(web, "VIEWER")
            .get()
            .uri("/api/runs?flowId={id}", flowId)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    assertThat(answer.getStatus())
        .as("GET /api/runs answered %s", answer.getResponseBody())
        .isEqualTo(HttpStatus.OK);
    Map<String, Object> page =
        JsonMapper.builder().build().readValue(answer.getResponseBody(), Map.class);
    return (List<Map<String, Object>>) page.get("items");
  }

  private DeliveryDocument delivery(String flowId, DeliveryState state) {
    return mongo
        .findOne(
            Query.query(Criteria.where("flowId").is(flowId).and("state").is(state)),
            DeliveryDocument.class)
        .block();
  }

  private static NotificationSettled settled(
      String tracking, SettlementScope scope, NotificationState state) {
    boolean attempt = scope == SettlementScope.ATTEMPT;
    return new NotificationSettled(
        "evt-settled-" + tracking + "-" + scope + "-" + state,
        "cj:" + tracking + ":DELIVERED",
        "cj",
        tracking,
        "DELIVERED",
        "ORD-" + tracking,
        scope,
        attempt ? Channel.SMS : null,
        attempt ? "MK-" + tracking : null,
        attempt ? AttemptState.FAILED : null,
        "23000",
        "Not found subscriber",
        Instant.now(),
        state,
        state == NotificationState.DEAD_LETTER ? "23000 Not found subscriber" : null,
        Instant.now());
  }

  private void publish(ParcelbellEvent event) {
    FlowFixtures.publish(kafka, event);
  }
}

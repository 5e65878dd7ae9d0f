package io.parcelbell.flow.delivery;

import static io.parcelbell.flow.support.FlowFixtures.condition;
import static io.parcelbell.flow.support.FlowFixtures.shipment;
import static io.parcelbell.flow.support.FlowFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.support.FlowFixtures;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.SignedIn;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Deliveries wait, they are never dropped: parked while their destination is disabled and sent once
 * it is enabled; held to the destination's rate limit; and a redirect is an answer, never followed
 * (so a 302 to an inside address reaches nothing).
 */
@IntegrationTest
class DeliveryControlTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired ActiveFlows activeFlows;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired io.parcelbell.flow.support.ShiftableClock clock;

  private final MockWebServer receiver = new MockWebServer();
  private final ConcurrentLinkedQueue<Instant> received = new ConcurrentLinkedQueue<>();
  private volatile MockResponse answer = new MockResponse().setResponseCode(204);
  private final String prefix = "D" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

  @BeforeEach
  void receive() throws IOException {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(Instant.now());
            return answer;
          }
        });
    receiver.start();
  }

  @AfterEach
  void stop() throws IOException {
    receiver.shutdown();
  }

  private String flowTo(Map<String, Object> destination, String marker) {
    var created = FlowFixtures.destination(web, destination);
    FlowFixtures.enabledFlow(
        web,
        Map.of(
            "name",
            marker,
            "trigger",
            "SHIPMENT_STATUS_CHANGED",
            "filter",
            condition("trackingNumber", "STARTS_WITH", prefix + marker),
            "steps",
            List.of(webhook(created.id(), "{\"t\": \"{{ shipment.trackingNumber }}\"}"))));
    activeFlows.refresh();
    return created.id();
  }

  @Test
  void deliveriesToADisabledDestinationWaitAndGoOutOnceItIsEnabled() {
    String destination =
        flowTo(Map.of("name", "paused", "url", receiver.url("/paused").toString()), "P");
    SignedIn.as(web, "ADMIN")
        .post()
        .uri("/api/destinations/{id}/disable", destination)
        .exchange()
        .expectStatus()
        .isOk();

    for (int i = 0; i < 3; i++) {
      FlowFixtures.publish(kafka, shipment("cj", prefix + "P" + i, "IN_TRANSIT", Instant.now()));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(destination, Criteria.where("parked").is(true)) == 3);
    assertThat(received).isEmpty();

    SignedIn.as(web, "ADMIN")
        .post()
        .uri("/api/destinations/{id}/enable", destination)
        .exchange()
        .expectStatus()
        .isOk();
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);
    // The receiver counts a request before it answers; the worker records DELIVERED after.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.DELIVERED)) == 3);
    assertThat(received).hasSize(3);
  }

  @Test
  void aDestinationsRateLimitMakesDeliveriesWaitTheirTurnNoneDropped() {
    String destination =
        flowTo(
            Map.of(
                "name", "slow", "url", receiver.url("/slow").toString(), "rateLimitPerSecond", 2),
            "R");
    for (int i = 0; i < 6; i++) {
      FlowFixtures.publish(kafka, shipment("cj", prefix + "R" + i, "IN_TRANSIT", Instant.now()));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 6);
    List<Instant> at = received.stream().sorted().toList();
    // 2 a second: six need at least two refills of the limiter after the first two.
    assertThat(Duration.between(at.get(0), at.get(5))).isGreaterThan(Duration.ofMillis(1500));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.DELIVERED)) == 6);
  }

  @Test
  void aRedirectIsAFinalAnswerAndIsNotFollowed() {
    answer =
        new MockResponse().setResponseCode(302).setHeader("Location", "http://169.254.169.254/x");
    String destination =
        flowTo(Map.of("name", "moved", "url", receiver.url("/moved").toString()), "M");
    FlowFixtures.publish(kafka, shipment("cj", prefix + "M1", "IN_TRANSIT", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.FAILED)) == 1);
    assertThat(received).hasSize(1);
  }

  @Test
  void anOperatorReplaysOneDeliveryAndRecoversTheRestAfterCountingThem() {
    answer = new MockResponse().setResponseCode(400);
    String destination =
        flowTo(Map.of("name", "broken", "url", receiver.url("/broken").toString()), "F");
    Instant since = Instant.now().minusSeconds(1);
    for (int i = 0; i < 3; i++) {
      FlowFixtures.publish(kafka, shipment("cj", prefix + "F" + i, "IN_TRANSIT", Instant.now()));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.FAILED)) == 3);
    answer = new MockResponse().setResponseCode(204);

    String one =
        mongo
            .findOne(
                Query.query(Criteria.where("destinationId").is(destination)),
                DeliveryDocument.class)
            .block()
            .id();
    SignedIn.as(web, "VIEWER")
        .post()
        .uri("/api/deliveries/{id}/replay", one)
        .exchange()
        .expectStatus()
        .isForbidden();
    SignedIn.as(web, "OPERATOR")
        .post()
        .uri("/api/deliveries/{id}/replay", one)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.state")
        .isEqualTo("PENDING");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.DELIVERED)) == 1);

    SignedIn.as(web, "OPERATOR")
        .post()
        .uri("/api/destinations/{id}/recover?since={since}", destination, since.toString())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.dryRun")
        .isEqualTo(true)
        .jsonPath("$.count")
        .isEqualTo(2);
    assertThat(count(destination, Criteria.where("state").is(DeliveryState.FAILED))).isEqualTo(2);
    SignedIn.as(web, "OPERATOR")
        .post()
        .uri(
            "/api/destinations/{id}/recover?since={since}&dryRun=false",
            destination,
            since.toString())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.count")
        .isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(destination, Criteria.where("state").is(DeliveryState.DELIVERED)) == 3);
    DeliveryDocument replayed = mongo.findById(one, DeliveryDocument.class).block();
    assertThat(replayed.attempts())
        .extracting(DeliveryDocument.Attempt::status)
        .containsExactly(400, 204);
    assertThat(
            mongo
                .count(
                    Query.query(
                        Criteria.where("action")
                            .in("delivery.replay", "destination.recover")
                            .and("target.id")
                            .in(one, destination)),
                    "audit_log")
                .block())
        .isEqualTo(2);
  }

  @Test
  void aDestinationThatFailedEveryAttemptForFiveDaysIsDisabled() {
    answer = new MockResponse().setResponseCode(500);
    String destination =
        flowTo(Map.of("name", "down", "url", receiver.url("/down").toString()), "Z");
    try {
      FlowFixtures.publish(kafka, shipment("cj", prefix + "Z1", "IN_TRANSIT", Instant.now()));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> count(destination, Criteria.where("state").is(DeliveryState.EXHAUSTED)) == 1);
      assertThat(destinationDoc(destination).enabled()).isTrue();
      assertThat(destinationDoc(destination).failingSince()).isNotNull();

      clock.advance(Duration.ofDays(5).plusMinutes(1));
      FlowFixtures.publish(kafka, shipment("cj", prefix + "Z2", "IN_TRANSIT", Instant.now()));
      await().atMost(Duration.ofSeconds(20)).until(() -> !destinationDoc(destination).enabled());
      assertThat(destinationDoc(destination).disabledReason()).contains("5 days");
    } finally {
      clock.reset();
    }
  }

  private io.parcelbell.flow.destinations.DestinationDocument destinationDoc(String id) {
    return mongo.findById(id, io.parcelbell.flow.destinations.DestinationDocument.class).block();
  }

  private long count(String destinationId, Criteria criteria) {
    return mongo
        .count(
            Query.query(Criteria.where("destinationId").is(destinationId)).addCriteria(criteria),
            DeliveryDocument.class)
        .block();
  }
}

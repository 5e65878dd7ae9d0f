package io.parcelbell.flow.runs;

import static io.parcelbell.flow.support.FlowFixtures.condition;
import static io.parcelbell.flow.support.FlowFixtures.shipment;
import static io.parcelbell.flow.support.FlowFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.flow.activity.ActivityPublisher;
import io.parcelbell.flow.config.FlowProperties;
import io.parcelbell.flow.delivery.DeliveryDocument;
import io.parcelbell.flow.delivery.DeliveryState;
import io.parcelbell.flow.delivery.DeliveryStore;
import io.parcelbell.flow.delivery.DeliveryWorker;
import io.parcelbell.flow.delivery.RetrySchedule;
import io.parcelbell.flow.delivery.WebhookSender;
import io.parcelbell.flow.destinations.DestinationStore;
import io.parcelbell.flow.destinations.SecretCipher;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.support.FlowFixtures;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.ShiftableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas' workers (the service's own and a second pair with their own owner ids, on the same
 * MongoDB) and 500 runs coming due at once: each run continues once and each webhook is sent once.
 */
@IntegrationTest
class TwoReplicasTest {

  private static final int RUNS = 500;

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired ActiveFlows activeFlows;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired ShiftableClock clock;
  @Autowired RunStore runStore;
  @Autowired StepRunner steps;
  @Autowired FlowProperties properties;
  @Autowired DeliveryStore deliveryStore;
  @Autowired DestinationStore destinations;
  @Autowired SecretCipher cipher;
  @Autowired WebhookSender sender;
  @Autowired RetrySchedule schedule;
  @Autowired ActivityPublisher activity;
  @Autowired io.parcelbell.flow.metrics.FlowMetrics flowMetrics;

  @Test
  void fiveHundredDueRunsAreEachDeliveredOnceByTwoReplicas() throws Exception {
    Set<String> webhookIds = ConcurrentHashMap.newKeySet();
    AtomicInteger requests = new AtomicInteger();
    var receiver = new MockWebServer();
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            webhookIds.add(request.getHeader("webhook-id"));
            return new MockResponse().setResponseCode(204);
          }
        });
    receiver.start();
    String prefix = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    var destination =
        FlowFixtures.destination(
            web, Map.of("name", "replicas", "url", receiver.url("/r").toString()));
    String flowId =
        FlowFixtures.enabledFlow(
            web,
            Map.of(
                "name",
                "an hour later",
                "trigger",
                "SHIPMENT_STATUS_CHANGED",
                "filter",
                condition("trackingNumber", "STARTS_WITH", prefix),
                "steps",
                List.of(
                    Map.of("type", "delay", "duration", "PT1H"),
                    webhook(destination.id(), "{\"t\": \"{{ shipment.trackingNumber }}\"}"))));
    activeFlows.refresh();
    Instant now = Instant.now();
    for (int i = 0; i < RUNS; i++) {
      kafka.send(
          io.parcelbell.contracts.Topics.SHIPMENT_STATUS,
          "cj:" + prefix + i,
          shipment("cj", prefix + i, "IN_TRANSIT", now));
    }
    kafka.flush();
    await().atMost(Duration.ofSeconds(60)).until(() -> count(flowId, RunState.WAITING) == RUNS);

    var secondRuns = new RunWorker(runStore, steps, properties, clock);
    var secondDeliveries =
        new DeliveryWorker(
            deliveryStore,
            destinations,
            cipher,
            sender,
            schedule,
            activity,
            flowMetrics,
            properties,
            clock);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread replica =
        new Thread(
            () -> {
              while (running.get()) {
                secondRuns.drain().block();
                secondDeliveries.drain().block();
              }
            },
            "second-replica");
    replica.start();
    try {
      clock.advance(Duration.ofHours(1).plusSeconds(1));
      await().atMost(Duration.ofSeconds(90)).until(() -> count(flowId, RunState.DONE) == RUNS);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  mongo
                          .count(
                              Query.query(
                                  Criteria.where("flowId")
                                      .is(flowId)
                                      .and("state")
                                      .is(DeliveryState.DELIVERED)),
                              DeliveryDocument.class)
                          .block()
                      == RUNS);
    } finally {
      running.set(false);
      replica.join(30_000);
      clock.reset();
    }
    // Every request the receiver saw is an attempt a claim holder recorded: a replica sending a
    // delivery it did not hold would show as a request without one. (On a loaded machine an answer
    // can outlast the 3 s delivery timeout; that attempt is recorded and retried with the same id.)
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests.get() == recordedAttempts(flowId));
    assertThat(webhookIds).hasSize(RUNS);
    receiver.shutdown();
  }

  private int recordedAttempts(String flowId) {
    return mongo
        .find(Query.query(Criteria.where("flowId").is(flowId)), DeliveryDocument.class)
        .map(DeliveryDocument::attemptCount)
        .reduce(0, Integer::sum)
        .block();
  }

  private long count(String flowId, RunState state) {
    return mongo
        .count(
            Query.query(Criteria.where("flowId").is(flowId).and("state").is(state)),
            RunDocument.class)
        .block();
  }
}

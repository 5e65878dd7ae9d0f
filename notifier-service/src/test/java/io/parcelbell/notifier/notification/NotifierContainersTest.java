package io.parcelbell.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.ShipmentEvents;
import io.parcelbell.notifier.support.TestClockConfig;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same path against real MongoDB and Kafka images: proves the unique-_id claim and the Kafka
 * settings on the real servers. Skipped where no Docker runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(
    properties = {
      "resilience4j.retry.instances.bizgo.wait-duration=20ms",
      "parcelbell.notifier.retention.after-end=45d"
    })
@Import({LifecycleRecorder.class, TestClockConfig.class})
class NotifierContainersTest {

  @Container @ServiceConnection
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

  @Container @ServiceConnection
  static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

  @DynamicPropertySource
  static void bizgo(DynamicPropertyRegistry registry) {
    registry.add("parcelbell.notifier.bizgo.base-url", () -> TestInfrastructure.bizgo().baseUrl());
  }

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void theRetentionTtlIndexExpiresEndedDocumentsAfterTheConfiguredTime() {
    await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () ->
                mongo
                        .getCollection(mongo.getCollectionName(NotificationDocument.class))
                        .flatMapMany(c -> c.listIndexes())
                        .filter(i -> "endedAt_ttl".equals(i.getString("name")))
                        .map(i -> ((Number) i.get("expireAfterSeconds")).longValue())
                        .blockFirst(java.time.Duration.ofSeconds(10))
                    != null);
    Long expiry =
        mongo
            .getCollection(mongo.getCollectionName(NotificationDocument.class))
            .flatMapMany(c -> c.listIndexes())
            .filter(i -> "endedAt_ttl".equals(i.getString("name")))
            .map(i -> ((Number) i.get("expireAfterSeconds")).longValue())
            .blockFirst(java.time.Duration.ofSeconds(10));
    assertThat(expiry).isEqualTo(java.time.Duration.ofDays(45).toSeconds());
  }

  @Test
  void aDeliveredStatusIsSentOnceEvenWhenDelivieredTwice() throws Exception {
    FakeBizgo bizgo = TestInfrastructure.bizgo();
    ShipmentStatusChanged event = ShipmentEvents.event("DELIVERED", "010-1234-5678");
    String id = ShipmentEvents.idOf(event);

    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !lifecycle
                    .eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id))
                    .isEmpty());
    NotificationDispatched dispatched =
        lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)).get(0);
    assertThat(dispatched.channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(dispatched.idempotencyKey()).isEqualTo(id + ":1");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.findById(id, NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);
    assertThat(bizgo.requestsFor(id)).hasSize(1);
  }
}

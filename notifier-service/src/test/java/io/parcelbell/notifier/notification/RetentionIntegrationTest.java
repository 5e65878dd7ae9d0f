package io.parcelbell.notifier.notification;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The working documents hold the raw phone and name: {@code endedAt} starts their retention when
 * they end, and a fallback that reopens one stops it. The TTL index itself is asserted on real
 * MongoDB (NotifierContainersTest); mongo-java-server ignores TTL.
 */
@IntegrationTest
class RetentionIntegrationTest {

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired NotificationStore store;
  @Autowired Environment environment;
  @Autowired Clock clock;

  @Autowired
  @Qualifier("mongoIndexes")
  HealthIndicator mongoIndexes;

  @Test
  void aDispatchedNotificationStartsItsRetentionAndAFallbackStopsIt() throws Exception {
    ShipmentStatusChanged delivered = event("DELIVERED", "01077770001");
    String id = idOf(delivered);
    kafka.send(Topics.SHIPMENT_STATUS, delivered.shipmentKey(), delivered).get();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !lifecycle.dispatchedIds(Set.of(id)).isEmpty());

    // The service's clock (a fixed test clock here): ended when it was dispatched.
    assertThat(endedAt(id)).isCloseTo(clock.instant(), within(1, ChronoUnit.MINUTES));

    assertThat(
            store
                .reopenForFallback(id, Attempt.requested(id, 2, Channel.SMS, Instant.now()))
                .block())
        .isTrue();
    assertThat(raw(id).containsKey(NotificationStore.ENDED_AT)).isFalse();
  }

  @Test
  void aNotificationAnEarlierVersionEndedGetsItsEndNowSoItsRetentionStarts() {
    String collection = mongo.getCollectionName(NotificationDocument.class);
    mongo
        .insert(new Document("_id", "cj:OLD1:DELIVERED").append("state", "DISPATCHED"), collection)
        .block();

    NotificationIndexes.endedWithoutEndedAt(mongo, clock).block();

    assertThat(endedAt("cj:OLD1:DELIVERED")).isEqualTo(clock.instant());
  }

  @Test
  void readinessWaitsForTheIndexes() {
    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .contains("mongoIndexes");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mongoIndexes.health(false).getStatus().equals(Status.UP));
  }

  private Instant endedAt(String id) {
    return raw(id).getDate(NotificationStore.ENDED_AT).toInstant();
  }

  private Document raw(String id) {
    return mongo
        .findById(id, Document.class, mongo.getCollectionName(NotificationDocument.class))
        .block();
  }
}

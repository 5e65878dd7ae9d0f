package io.parcelbell.notifier.attempts;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.bizgo.BizgoCredentials;
import io.parcelbell.notifier.support.DeadLetterTopic;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.ShipmentEvents;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Bizgo rejects our API key (A401) for two minutes, a mistaken key rotation, while 20 shipments are
 * delivered. Before, the bounded back-off parked the records on the DLT after about a minute, never
 * sent. Now: the listeners pause, the credentials gauge says so, a probe that sends nothing finds
 * the key accepted again, and every notification is sent exactly once; nothing on the DLT.
 */
@IntegrationTest
class CredentialsRejectedIntegrationTest {

  static final Duration REJECTED_FOR = Duration.ofMinutes(2);
  static final int EVENTS = 20;

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired MeterRegistry meters;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired EmbeddedKafkaBroker broker;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @AfterEach
  void keyIsFixed() {
    bizgo.acceptCredentials();
  }

  @Test
  void aKeyRejectedForTwoMinutesLosesNothingAndSendsNothingTwice() throws Exception {
    List<ShipmentStatusChanged> events =
        IntStream.range(0, EVENTS)
            .mapToObj(i -> event("DELIVERED", "0105%07d".formatted(i)))
            .toList();
    Set<String> ids = events.stream().map(ShipmentEvents::idOf).collect(Collectors.toSet());

    bizgo.rejectCredentials();
    Instant rotated = Instant.now();
    for (ShipmentStatusChanged event : events) {
      kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                credentialsGauge() == 1.0
                    && listeners.getListenerContainer("shipment-status").isPauseRequested());
    Duration rest = REJECTED_FOR.minus(Duration.between(rotated, Instant.now()));
    // For the rest of the two minutes: nothing accepted, nothing published, the gauge stays up.
    await()
        .during(rest)
        .atMost(rest.plusSeconds(10))
        .until(() -> lifecycle.dispatchedIds(ids).isEmpty() && credentialsGauge() == 1.0);
    assertThat(bizgo.probes()).as("the probe asked Bizgo").isPositive();
    bizgo.acceptCredentials();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> lifecycle.dispatchedIds(ids).size() == EVENTS);
    assertThat(credentialsGauge()).isZero();
    assertThat(listeners.getListenerContainer("shipment-status").isPauseRequested()).isFalse();
    for (String id : ids) {
      assertThat(bizgo.sendsWithKey(id + ":1")).as("sends of %s", id).isOne();
    }
    assertThat(
            lifecycle.eventsOf(NotificationDispatched.class, d -> ids.contains(d.notificationId())))
        .extracting(NotificationDispatched::notificationId)
        .doesNotHaveDuplicates();
    assertThat(DeadLetterTopic.keys(broker, Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS)))
        .doesNotContainAnyElementsOf(
            events.stream().map(ShipmentStatusChanged::shipmentKey).toList());
  }

  private double credentialsGauge() {
    return meters.get(BizgoCredentials.GAUGE).gauge().value();
  }
}

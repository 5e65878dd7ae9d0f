package io.parcelbell.notifier.attempts;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Bizgo unreachable for 30 seconds (every connection dropped) while 100 shipments are delivered:
 * the breaker opens and pauses the listener, nothing is dead-lettered or dropped, and once Bizgo is
 * back exactly 100 notifications are sent, each accepted once.
 */
@IntegrationTest
class BizgoOutageIntegrationTest {

  static final Duration OUTAGE = Duration.ofSeconds(30);
  static final int EVENTS = 100;

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired BizgoPolicies policies;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired EmbeddedKafkaBroker broker;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @AfterEach
  void bizgoIsBack() {
    bizgo.comeBack();
    CircuitBreaker breaker = policies.circuitBreaker();
    if (breaker.getState() != CircuitBreaker.State.CLOSED) {
      breaker.transitionToClosedState(); // resumes the listeners for the next test class
    }
  }

  @Test
  void anOutageOfThirtySecondsLosesNothingAndSendsNothingTwice() throws Exception {
    CircuitBreaker breaker = policies.circuitBreaker();
    MessageListenerContainer listener = listeners.getListenerContainer("shipment-status");
    List<CircuitBreaker.State> states = new CopyOnWriteArrayList<>();
    AtomicBoolean paused = new AtomicBoolean();
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> {
              states.add(e.getStateTransition().getToState());
              if (listener.isPauseRequested()) {
                paused.set(true);
              }
            });
    List<ShipmentStatusChanged> events =
        IntStream.range(0, EVENTS)
            .mapToObj(i -> event("DELIVERED", "0104%07d".formatted(i)))
            .toList();
    Set<String> ids = events.stream().map(ShipmentEvents::idOf).collect(Collectors.toSet());

    bizgo.goDown();
    Instant down = Instant.now();
    for (ShipmentStatusChanged event : events) {
      publish(event);
    }

    await().atMost(OUTAGE).until(() -> states.contains(CircuitBreaker.State.OPEN) && paused.get());
    Duration rest = OUTAGE.minus(Duration.between(down, Instant.now()));
    // For the rest of the outage: nothing accepted, nothing published, nothing dead-lettered.
    await()
        .during(rest)
        .atMost(rest.plusSeconds(10))
        .until(() -> lifecycle.dispatchedIds(ids).isEmpty() && acceptedRequests(ids) == 0);
    assertThat(attemptedRequests(ids)).as("Bizgo was really tried").isPositive();
    bizgo.comeBack();

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> lifecycle.dispatchedIds(ids).size() == EVENTS);
    // Handled after all 100 (one partition): nothing more can be published for them after it.
    ShipmentStatusChanged barrier = event("DELIVERED", "01049999999");
    publish(barrier);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !lifecycle.dispatchedIds(Set.of(idOf(barrier))).isEmpty());

    List<NotificationDispatched> dispatched =
        lifecycle.eventsOf(NotificationDispatched.class, d -> ids.contains(d.notificationId()));
    assertThat(dispatched).hasSize(EVENTS);
    assertThat(dispatched)
        .extracting(NotificationDispatched::notificationId)
        .doesNotHaveDuplicates();
    for (String id : ids) {
      assertThat(bizgo.sendsWithKey(id + ":1")).as("sends of %s", id).isOne();
    }
    assertThat(acceptedRequests(ids)).isEqualTo(EVENTS);
    assertThat(deadLetteredKeys())
        .doesNotContainAnyElementsOf(
            events.stream().map(ShipmentStatusChanged::shipmentKey).toList());
    assertThat(states).contains(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
    for (String id : ids) {
      NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
      assertThat(stored.state()).isEqualTo(DispatchState.DISPATCHED);
      assertThat(stored.attempts())
          .singleElement()
          .satisfies(a -> assertThat(a.status()).isEqualTo(Attempt.Status.ACCEPTED));
    }
  }

  private long acceptedRequests(Set<String> ids) {
    return ids.stream()
        .flatMap(id -> bizgo.requestsFor(id).stream())
        .filter(r -> "A000".equals(r.answer()))
        .count();
  }

  private long attemptedRequests(Set<String> ids) {
    return ids.stream().mapToLong(id -> bizgo.requestsFor(id).size()).sum();
  }

  private Set<String> deadLetteredKeys() {
    return DeadLetterTopic.keys(broker, Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS));
  }

  private void publish(ShipmentStatusChanged event) throws Exception {
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
  }
}

package io.parcelbell.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.StatusOrder;
import io.parcelbell.notifier.support.DeadLetterTopic;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.SeparateNotifiers;
import io.parcelbell.notifier.support.ShipmentEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Three notifier instances share one consumer group on a 12-partition shipment topic: 2,000 events
 * over 200 shipments, every status of a shipment duplicated and their order shuffled, Bizgo
 * answering 500 to the first try of one notification in ten. Every notification is accepted by
 * Bizgo at most once, no shipment is told an earlier status after a later one, every shipment's
 * DELIVERED is sent, nothing is left unfinished and nothing is dead-lettered.
 */
class ThreeReplicasIntegrationTest {

  private static final List<String> JOURNEY =
      List.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
  private static final int SHIPMENTS = 200;
  private static final int EVENTS = 2_000;

  private static EmbeddedKafkaKraftBroker broker;
  private static MongoServer mongo;
  private static FakeBizgo bizgo;
  private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

  @BeforeAll
  static void startThreeReplicas() {
    broker = SeparateNotifiers.broker("parcelbell.test.three-replicas.brokers");
    mongo = new MongoServer(new MemoryBackend());
    mongo.bind("127.0.0.1", 0);
    bizgo = FakeBizgo.start();
    for (int i = 0; i < 3; i++) {
      replicas.add(
          SeparateNotifiers.start(
              broker,
              mongo.getLocalAddress().getPort(),
              bizgo,
              // Whatever the hour in Seoul when this runs: nothing is held.
              "--parcelbell.notifier.quiet-hours.exempt-statuses=" + String.join(",", JOURNEY),
              "--resilience4j.retry.instances.bizgo.wait-duration=20ms",
              "--resilience4j.retry.instances.bizgo.exponential-max-wait-duration=100ms"));
    }
  }

  @AfterAll
  static void stop() {
    replicas.forEach(ConfigurableApplicationContext::close);
    mongo.shutdownNow();
    broker.destroy();
  }

  @Test
  void shuffledDuplicatedStatusesOfTwoHundredShipmentsAreSentOnceEachInJourneyOrder()
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> replicas.stream().allMatch(ThreeReplicasIntegrationTest::hasShipmentPartitions));
    Random random = new Random(12);
    Map<String, List<ShipmentStatusChanged>> byShipment = new LinkedHashMap<>();
    List<ProducerRecord<String, ParcelbellEvent>> records = new ArrayList<>();
    for (int s = 0; s < SHIPMENTS; s++) {
      String tracking = "3R" + (100_000 + s);
      List<ShipmentStatusChanged> events = new ArrayList<>();
      for (int e = 0; e < EVENTS / SHIPMENTS; e++) {
        // every status at least twice, the rest at random: duplicates, shuffled below
        String status = JOURNEY.get(e < 8 ? e % JOURNEY.size() : random.nextInt(JOURNEY.size()));
        events.add(event(tracking, status));
      }
      Collections.shuffle(events, random);
      byShipment.put(tracking, events);
      events.forEach(
          event ->
              records.add(
                  new ProducerRecord<>(Topics.SHIPMENT_STATUS, event.shipmentKey(), event)));
      for (String status : JOURNEY) {
        if (random.nextInt(10) == 0) {
          bizgo.failNext(NotificationIds.of("cj", tracking, status), 1, 500);
        }
      }
    }
    try (var producer = SeparateNotifiers.producer(broker)) {
      for (var record : records) {
        producer.send(record);
      }
      producer.flush();
    }

    ReactiveMongoTemplate store = replicas.get(0).getBean(ReactiveMongoTemplate.class);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              List<NotificationDocument> all =
                  store.findAll(NotificationDocument.class).collectList().block();
              long delivered =
                  all.stream()
                      .filter(n -> n.shipmentStatus().equals("DELIVERED"))
                      .filter(n -> n.state() == DispatchState.DISPATCHED)
                      .count();
              return delivered == SHIPMENTS
                  && all.stream()
                      .allMatch(
                          n ->
                              n.state() == DispatchState.DISPATCHED
                                  || n.state() == DispatchState.SUPERSEDED);
            });

    Map<String, List<String>> sentInOrder = new HashMap<>();
    Map<String, Long> acceptedPerNotification =
        bizgo.accepted().stream()
            .peek(
                request ->
                    sentInOrder
                        .computeIfAbsent(shipmentOf(request.ref()), k -> new ArrayList<>())
                        .add(statusOf(request.ref())))
            .collect(Collectors.groupingBy(FakeBizgo.Request::ref, Collectors.counting()));
    assertThat(acceptedPerNotification.values()).as("sends per notification").containsOnly(1L);
    assertThat(sentInOrder).hasSize(SHIPMENTS);
    sentInOrder.forEach(
        (shipment, statuses) -> {
          for (int i = 1; i < statuses.size(); i++) {
            assertThat(StatusOrder.isBehind(statuses.get(i), statuses.get(i - 1)))
                .as("%s told %s after %s", shipment, statuses.get(i), statuses.get(i - 1))
                .isFalse();
          }
          assertThat(statuses).last().isEqualTo("DELIVERED");
        });
    assertThat(bizgo.requests().stream().filter(r -> r.answer().equals("HTTP_500")))
        .as("the first tries that failed")
        .isNotEmpty();
    assertThat(DeadLetterTopic.keys(broker, Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS)))
        .isEmpty();
  }

  private static boolean hasShipmentPartitions(ConfigurableApplicationContext replica) {
    var container =
        replica
            .getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainer("shipment-status");
    return container != null
        && container.getAssignedPartitions() != null
        && !container.getAssignedPartitions().isEmpty();
  }

  private static String shipmentOf(String notificationId) {
    return notificationId.substring(0, notificationId.lastIndexOf(':'));
  }

  private static String statusOf(String notificationId) {
    return notificationId.substring(notificationId.lastIndexOf(':') + 1);
  }

  private static ShipmentStatusChanged event(String tracking, String status) {
    return ShipmentEvents.of(tracking, "ORD-" + tracking, status, "01055551234");
  }
}

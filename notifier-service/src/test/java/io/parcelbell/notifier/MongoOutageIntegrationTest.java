package io.parcelbell.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.DeadLetterTopic;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.SeparateNotifiers;
import io.parcelbell.notifier.support.ShipmentEvents;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * MongoDB refuses every connection for ten minutes - longer than the driver's server-selection
 * wait, the step timeout, the run lease and Kafka's max.poll.interval.ms - while shipment events
 * and delivery reports keep arriving. Then it comes back on the same port with the same data: every
 * notification is sent (and every failed Alimtalk falls back to SMS) exactly once, nothing was sent
 * during the outage, and nothing is on either dead-letter topic.
 *
 * <p>Everything here is its own (broker, MongoDB-wire server, fake Bizgo, notifier), so the class
 * runs beside the rest of the module (junit-platform.properties): its ten minutes are mostly
 * waiting.
 */
@Execution(ExecutionMode.CONCURRENT)
class MongoOutageIntegrationTest {

  /** Ten minutes; {@code -Dparcelbell.test.mongo-outage=PT1M} while working on the test. */
  static final Duration OUTAGE =
      Duration.parse(System.getProperty("parcelbell.test.mongo-outage", "PT10M"));

  static final int BEFORE = 40;
  static final int DURING = 200;
  static final int REPORTS = 20;

  private static EmbeddedKafkaKraftBroker broker;
  private static MemoryBackend data;
  private static MongoServer mongo;
  private static InetSocketAddress mongoAddress;
  private static FakeBizgo bizgo;
  private static ConfigurableApplicationContext notifier;
  private static KafkaProducer<String, ParcelbellEvent> producer;

  @BeforeAll
  static void start() {
    broker = SeparateNotifiers.broker("parcelbell.test.mongo-outage.brokers");
    // Its data outlives the server, like a mongod's files across a restart.
    data =
        new MemoryBackend() {
          @Override
          public void close() {}
        };
    mongo = new MongoServer(data);
    mongo.bind("127.0.0.1", 0);
    mongoAddress = mongo.getLocalAddress();
    bizgo = FakeBizgo.start();
    notifier =
        SeparateNotifiers.start(
            broker,
            mongoAddress.getPort(),
            bizgo,
            // Whatever the hour in Seoul when this runs: nothing is held.
            "--parcelbell.notifier.quiet-hours.exempt-statuses=PICKED_UP,DELIVERED",
            // Back to work within seconds of MongoDB's return, as the other tests configure it.
            "--parcelbell.notifier.step-timeout=20s",
            "--parcelbell.notifier.bizgo.outage-back-off-max=2s");
    producer = SeparateNotifiers.producer(broker);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (notifier != null) {
      notifier.close();
    }
    mongo.shutdownNow();
    broker.destroy();
  }

  @Test
  void tenMinutesWithoutMongoDbParkNothingAndSendNothingTwice() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(MongoOutageIntegrationTest::hasPartitions);
    ReactiveMongoTemplate store = notifier.getBean(ReactiveMongoTemplate.class);

    List<ShipmentStatusChanged> before = shipments("MB", BEFORE, "PICKED_UP");
    publish(before);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> dispatched(store, ids(before)) == BEFORE);
    // Their Alimtalks, whose reports arrive during the outage: failed, so SMS must follow.
    List<NotificationDocument> reported =
        store.findAll(NotificationDocument.class).collectList().block().stream()
            .filter(n -> ids(before).contains(n.id()))
            .limit(REPORTS)
            .toList();

    mongo.shutdownNow();
    Instant down = Instant.now();
    List<ShipmentStatusChanged> during = shipments("MD", DURING, "DELIVERED");
    // Trickled in over the first half of the outage; the reports among them.
    int slices = 10;
    for (int slice = 0; slice < slices; slice++) {
      publish(during.subList(slice * DURING / slices, (slice + 1) * DURING / slices));
      int perSlice = REPORTS / slices;
      for (NotificationDocument n : reported.subList(slice * perSlice, (slice + 1) * perSlice)) {
        NotificationSettled report = failed(n);
        producer.send(
            new ProducerRecord<>(Topics.NOTIFICATION_OUTCOME, report.shipmentKey(), report));
      }
      producer.flush();
      nothingSentFor(OUTAGE.dividedBy(2 * slices));
    }
    nothingSentFor(OUTAGE.minus(Duration.between(down, Instant.now())));

    mongo = new MongoServer(data);
    mongo.bind(mongoAddress.getHostString(), mongoAddress.getPort());

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                dispatched(store, ids(during)) == DURING
                    && smsFallbacks(store, reported) == REPORTS);

    Map<String, Long> acceptedPerKey =
        bizgo.accepted().stream()
            .collect(
                Collectors.groupingBy(FakeBizgo.Request::idempotencyKey, Collectors.counting()));
    assertThat(acceptedPerKey).hasSize(BEFORE + DURING + REPORTS);
    assertThat(acceptedPerKey.values()).as("sends per attempt").containsOnly(1L);
    assertThat(DeadLetterTopic.keys(broker, Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS)))
        .isEmpty();
    assertThat(DeadLetterTopic.keys(broker, Topics.deadLetterTopicOf(Topics.NOTIFICATION_OUTCOME)))
        .isEmpty();
  }

  /** For {@code period}, Bizgo is asked for nothing beyond the notifications sent before. */
  private static void nothingSentFor(Duration period) {
    await()
        .during(period)
        .atMost(period.plusSeconds(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> bizgo.requests().size() == BEFORE);
  }

  private static long dispatched(ReactiveMongoTemplate store, Set<String> ids) {
    return store
        .findAll(NotificationDocument.class)
        .toStream()
        .filter(n -> ids.contains(n.id()))
        .filter(n -> n.state() == DispatchState.DISPATCHED)
        .count();
  }

  private static long smsFallbacks(ReactiveMongoTemplate store, List<NotificationDocument> sent) {
    Set<String> ids = sent.stream().map(NotificationDocument::id).collect(Collectors.toSet());
    return store
        .findAll(NotificationDocument.class)
        .toStream()
        .filter(n -> ids.contains(n.id()))
        .filter(
            n ->
                n.attempts().size() == 2
                    && n.attempts().get(1).channel() == Channel.SMS
                    && n.attempts().get(1).status() == Attempt.Status.ACCEPTED)
        .count();
  }

  private static boolean hasPartitions() {
    var registry = notifier.getBean(KafkaListenerEndpointRegistry.class);
    return List.of("shipment-status", "notification-outcome").stream()
        .map(registry::getListenerContainer)
        .allMatch(
            c ->
                c != null
                    && c.getAssignedPartitions() != null
                    && !c.getAssignedPartitions().isEmpty());
  }

  private static void publish(List<ShipmentStatusChanged> events) {
    events.forEach(
        e -> producer.send(new ProducerRecord<>(Topics.SHIPMENT_STATUS, e.shipmentKey(), e)));
    producer.flush();
  }

  private static Set<String> ids(List<ShipmentStatusChanged> events) {
    return events.stream()
        .map(e -> NotificationIds.of(e.courierCode(), e.trackingNumber(), e.status()))
        .collect(Collectors.toSet());
  }

  private static List<ShipmentStatusChanged> shipments(String prefix, int count, String status) {
    List<ShipmentStatusChanged> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String tracking = prefix + (100_000 + i);
      events.add(ShipmentEvents.of(tracking, "ORD-" + tracking, status, "01055551234"));
    }
    return events;
  }

  /** Bizgo's report that the Alimtalk could not be delivered (64016: no KakaoTalk). */
  private static NotificationSettled failed(NotificationDocument n) {
    Attempt alimtalk = n.attempts().get(0);
    return new NotificationSettled(
        UUID.randomUUID().toString(),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        SettlementScope.ATTEMPT,
        Channel.ALIMTALK,
        alimtalk.msgKey(),
        AttemptState.FAILED,
        "64016",
        "report",
        Instant.now(),
        NotificationState.PENDING,
        null,
        Instant.now());
  }
}

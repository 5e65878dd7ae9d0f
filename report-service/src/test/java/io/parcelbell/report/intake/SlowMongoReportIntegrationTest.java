package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.DeadLetters;
import io.parcelbell.report.support.Dispatches;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * MongoDB too slow for Bizgo's 5 s, or down for a while, on the report path: the webhook still
 * answers 200 at once (Kafka holds the report), and the report is stored and applied once MongoDB
 * answers. A spy on the store plays MongoDB (its own context: the spy must not slow other tests).
 */
@IntegrationTest
class SlowMongoReportIntegrationTest {

  /** Longer than Bizgo waits (5 s) and than the persist timeout (4 s). */
  private static final Duration SLOW = Duration.ofSeconds(6);

  @Autowired WebTestClient web;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired NotificationStore notifications;
  @MockitoSpyBean RawReportStore reports;

  /** msgKey → how many store attempts failed so far (for the "MongoDB down" reports). */
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  @BeforeEach
  void mongoIsSlowOrDownForReports() {
    doAnswer(
            call -> {
              List<RawReport> batch = call.getArgument(0);
              @SuppressWarnings("unchecked")
              Mono<Void> real = (Mono<Void>) call.callRealMethod();
              var down =
                  batch.stream()
                      .map(RawReport::msgKey)
                      .filter(msgKey -> msgKey.contains("-down-"))
                      .map(msgKey -> failures.computeIfAbsent(msgKey, k -> new AtomicInteger()))
                      .toList();
              if (!down.isEmpty()) {
                // Down for the first three tries of a batch holding such a report, then up.
                return Mono.defer(
                    () ->
                        down.stream().mapToInt(AtomicInteger::incrementAndGet).min().orElse(0) <= 3
                            ? Mono.<Void>error(
                                new DataAccessResourceFailureException("MongoDB is down"))
                            : real);
              }
              return real.delaySubscription(SLOW);
            })
        .when(reports)
        .saveAllIfAbsent(any());
  }

  @Test
  void aSlowMongoStillGetsA200InTimeAndTheReportIsStoredAndAppliedLater() {
    var shipment = Events.freshShipment();
    Dispatches.firstAlimtalk(kafka, notifications, shipment);
    String msgKey = shipment.msgKey(Channel.ALIMTALK);

    long started = System.nanoTime();
    post(shipment.report(Channel.ALIMTALK, "10000", "성공"), msgKey);
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

    assertThat(answeredIn).isLessThan(Duration.ofSeconds(5));
    // Answered before MongoDB had it: the store is still being held back.
    assertThat(reports.findById(RawReport.idOf(msgKey, "10000")).block()).isNull();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              RawReport stored = reports.findById(RawReport.idOf(msgKey, "10000")).block();
              assertThat(stored).isNotNull();
              assertThat(stored.applied()).isTrue();
              var doc = notifications.findById(shipment.notificationId()).block();
              assertThat(doc.state()).isEqualTo(NotificationState.SENT);
              assertThat(doc.attempt(msgKey).orElseThrow().state())
                  .isEqualTo(AttemptState.DELIVERED);
            });
  }

  /**
   * MongoDB away for a batch that also holds a record that is no report: the batch is retried until
   * it is stored, and then only that record goes to the DLT - nothing Bizgo has our 200 for.
   */
  @Test
  void aBatchThatCannotBeStoredAndHoldsJunkLosesNothingButTheJunk() {
    String down = "MK-down-" + UUID.randomUUID();
    String good = "MK-good-" + UUID.randomUUID();
    String junk = "junk-" + UUID.randomUUID();
    try (var producer =
        new KafkaProducer<>(
            KafkaTestUtils.producerProps(broker),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(record(down, "{\"msgKey\":\"" + down + "\",\"reportCode\":\"10000\"}"));
      producer.send(record(junk, "not a report"));
      producer.send(record(good, "{\"msgKey\":\"" + good + "\",\"reportCode\":\"10000\"}"));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(reports.findById(RawReport.idOf(down, "10000")).block()).isNotNull();
              assertThat(reports.findById(RawReport.idOf(good, "10000")).block()).isNotNull();
            });
    assertThat(failures.get(down)).hasValueGreaterThan(3);
    List<String> deadLetters = DeadLetters.keys(broker, ReportTopic.NAME, Duration.ofSeconds(4));
    assertThat(deadLetters).contains(junk).doesNotContain(down, good);
    assertThat(deadLetters.stream().filter(junk::equals)).hasSize(1);
  }

  private static ProducerRecord<String, byte[]> record(String key, String value) {
    return new ProducerRecord<>(ReportTopic.NAME, key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReportWhileMongoIsDownIsRetriedUntilItIsStored() {
    var shipment = Events.freshShipment();
    String msgKey = "MK-down-" + shipment.tracking();

    post(shipment.report(msgKey, Channel.ALIMTALK, "64016", "카카오톡 미사용자"), msgKey);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(reports.findById(RawReport.idOf(msgKey, "64016")).block()).isNotNull());
    assertThat(failures.get(msgKey)).hasValueGreaterThan(3);
  }

  private void post(String body, String msgKey) {
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"" + msgKey + "\"}", true);
  }
}

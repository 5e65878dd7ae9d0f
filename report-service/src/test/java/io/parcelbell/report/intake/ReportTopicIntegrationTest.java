package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The internal report topic: what the webhook writes and what the listener does with records. */
@IntegrationTest
class ReportTopicIntegrationTest {

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired WebTestClient web;
  @Autowired RawReportStore reports;
  @Autowired NotificationStore notifications;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;

  @Test
  void theWebhookWritesTheBodyKeyedByMsgKeyWithReceivedAtAndClient() {
    String msgKey = "MK-" + UUID.randomUUID();
    String body =
        """
        {"msgKey":"%s","serviceType":"SMS","msgType":"SMS","reportType":"RS",
         "reportCode":"10000","reportText":"성공","ref":"cj:2:DELIVERED"}
        """
            .formatted(msgKey);
    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Forwarded-For", "192.0.2.7")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();

    ConsumerRecord<String, byte[]> record = read(ReportTopic.NAME, msgKey);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(header(record, ReportTopic.CLIENT_IP)).isEqualTo("192.0.2.7");
    Instant receivedAt = Instant.parse(header(record, ReportTopic.RECEIVED_AT));
    RawReport stored =
        await()
            .until(
                () -> reports.findById(RawReport.idOf(msgKey, "10000")).block(), Objects::nonNull);
    // MongoDB keeps milliseconds.
    assertThat(stored.receivedAt()).isEqualTo(receivedAt.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextIsStored() {
    String junkKey = "junk-" + UUID.randomUUID();
    String msgKey = "MK-" + UUID.randomUUID();
    try (var producer =
        new KafkaProducer<>(
            KafkaTestUtils.producerProps(broker),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              ReportTopic.NAME, junkKey, "not a report".getBytes(StandardCharsets.UTF_8)));
      producer.send(
          new ProducerRecord<>(
              ReportTopic.NAME,
              msgKey,
              ("{\"msgKey\":\"" + msgKey + "\",\"reportCode\":\"10000\"}")
                  .getBytes(StandardCharsets.UTF_8)));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> reports.findById(RawReport.idOf(msgKey, "10000")).block(), Objects::nonNull);
    assertThat(read(Topics.deadLetterTopicOf(ReportTopic.NAME), junkKey).value())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("not a report");
  }

  /**
   * A burst the listener takes in batches (several msgKeys at once): the records that are no report
   * - junk and a tombstone in the middle - go to the DLT once each, every report around them is
   * stored, and those whose attempt is known are applied.
   */
  @Test
  void aBurstIsStoredAndAppliedInBatchesAndOnlyItsBadRecordsAreDeadLettered() {
    List<Events> dispatched = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      var shipment = Events.freshShipment();
      ParcelbellEvent event = shipment.dispatched(Channel.ALIMTALK, 1, false);
      kafka.send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event);
      dispatched.add(shipment);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                dispatched.stream()
                    .allMatch(s -> notifications.findById(s.notificationId()).block() != null));

    String junkKey = "junk-" + UUID.randomUUID();
    String tombstoneKey = "tombstone-" + UUID.randomUUID();
    List<String> msgKeys = new ArrayList<>();
    try (var producer =
        new KafkaProducer<>(
            KafkaTestUtils.producerProps(broker),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < 300; i++) {
        if (i == 100) {
          producer.send(new ProducerRecord<>(ReportTopic.NAME, junkKey, bytes("{\"no\":1}")));
        }
        if (i == 200) {
          producer.send(new ProducerRecord<>(ReportTopic.NAME, tombstoneKey, null));
        }
        String body;
        String msgKey;
        if (i % 15 == 0) {
          Events shipment = dispatched.get(i / 15);
          msgKey = shipment.msgKey(Channel.ALIMTALK);
          body = shipment.report(Channel.ALIMTALK, "10000", "성공");
        } else {
          msgKey = "MK-burst-" + UUID.randomUUID();
          body = "{\"msgKey\":\"" + msgKey + "\",\"reportCode\":\"10000\"}";
        }
        msgKeys.add(msgKey);
        producer.send(new ProducerRecord<>(ReportTopic.NAME, msgKey, bytes(body)));
      }
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        msgKeys.stream()
                            .filter(
                                k -> reports.findById(RawReport.idOf(k, "10000")).block() == null))
                    .isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        dispatched.stream()
                            .map(s -> notifications.findById(s.notificationId()).block().state()))
                    .containsOnly(NotificationState.SENT));
    var deadLetters = readAll(Topics.deadLetterTopicOf(ReportTopic.NAME), junkKey, tombstoneKey);
    assertThat(deadLetters).containsOnlyKeys(junkKey, tombstoneKey);
    assertThat(deadLetters.get(junkKey)).as("junk dead-lettered once").isEqualTo(1);
    assertThat(deadLetters.get(tombstoneKey)).as("tombstone dead-lettered once").isEqualTo(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * How often each of {@code keys} is on {@code topic}: read until all are there and then two more
   * seconds, so a second copy would show.
   */
  private Map<String, Integer> readAll(String topic, String... keys) {
    var props = KafkaTestUtils.consumerProps("reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, Integer> counts = new HashMap<>();
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(
                props, new StringDeserializer(), new ByteArrayDeserializer())
            .createConsumer()) {
      consumer.subscribe(List.of(topic));
      Runnable poll =
          () ->
              consumer
                  .poll(Duration.ofMillis(200))
                  .forEach(
                      record -> {
                        if (Arrays.asList(keys).contains(record.key())) {
                          counts.merge(record.key(), 1, Integer::sum);
                        }
                      });
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                poll.run();
                return counts.keySet().containsAll(Arrays.asList(keys));
              });
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until) {
        poll.run();
      }
    }
    return counts;
  }

  private ConsumerRecord<String, byte[]> read(String topic, String key) {
    var props = KafkaTestUtils.consumerProps("reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(
                props, new StringDeserializer(), new ByteArrayDeserializer())
            .createConsumer()) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (key.equals(record.key())) {
                            found.add(record);
                          }
                        });
                return !found.isEmpty();
              });
    }
    return found.get(0);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    assertThat(header).as(name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}

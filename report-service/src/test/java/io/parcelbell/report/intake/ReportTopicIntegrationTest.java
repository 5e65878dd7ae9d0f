package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The internal report topic: what the webhook writes and what the listener does with records. */
@IntegrationTest
class ReportTopicIntegrationTest {

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired WebTestClient web;
  @Autowired RawReportStore reports;

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

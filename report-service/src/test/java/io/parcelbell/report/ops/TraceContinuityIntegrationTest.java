package io.parcelbell.report.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.report.intake.ReportTopic;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With tracing on, as Compose and Kubernetes run it: the trace a request or record arrives with
 * goes on in what report-service writes to Kafka and in its log lines, although the trace lives in
 * Reactor's context and is put on a thread only where the code asks for it ({@code
 * spring.reactor.context-propagation: limited}, contracts.tracing.InTrace).
 */
@IntegrationTest
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class TraceContinuityIntegrationTest {

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired WebTestClient web;

  @Test
  void aReportWebhooksTraceGoesOnInTheRecordOfTheReport() {
    String trace = newTraceId();
    String msgKey = "MK-trace-" + UUID.randomUUID();

    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Forwarded-For", "192.0.2.7")
        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"msgKey\":\"" + msgKey + "\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(traceparentOf(ReportTopic.NAME, msgKey)).contains("-" + trace + "-");
  }

  @Test
  void aLifecycleEventsTraceGoesOnInItsSettlementAndItsLogLines(CapturedOutput output)
      throws Exception {
    String trace = newTraceId();
    Events shipment = Events.freshShipment();
    ParcelbellEvent rejected = shipment.rejected(Channel.SMS, 1, true);
    try (var producer =
        new KafkaProducer<String, ParcelbellEvent>(
            KafkaTestUtils.producerProps(broker), new StringSerializer(), new EventSerializer())) {
      var record =
          new ProducerRecord<>(Topics.NOTIFICATION_LIFECYCLE, rejected.shipmentKey(), rejected);
      record
          .headers()
          .add(
              "traceparent",
              ("00-" + trace + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }

    assertThat(traceparentOf(Topics.NOTIFICATION_OUTCOME, rejected.shipmentKey()))
        .contains("-" + trace + "-");
    String settledLine = "settled NOTIFICATION " + shipment.notificationId();
    await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains(settledLine));
    assertThat(output.getOut().lines().filter(line -> line.contains(settledLine)))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(trace));
  }

  private static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** The traceparent header of the first record on {@code topic} with {@code key}. */
  private String traceparentOf(String topic, String key) {
    Map<String, Object> config =
        KafkaTestUtils.consumerProps(broker, "trace-" + UUID.randomUUID(), false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
              });
      Header header =
          seen.stream()
              .filter(r -> key.equals(r.key()))
              .findFirst()
              .orElseThrow()
              .headers()
              .lastHeader("traceparent");
      return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
  }
}

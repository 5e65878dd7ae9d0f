package io.parcelbell.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.Topics;
import io.parcelbell.ingest.support.FixedClockConfig;
import io.parcelbell.ingest.support.SignedWebhooks;
import io.parcelbell.ingest.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What Compose and Kubernetes run (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs, tracing on, spans
 * unsampled): the webhook's per-item log line (DEBUG) is one JSON object carrying the request's
 * trace id and only the masked phone, and the Kafka record carries the same trace id.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "parcelbell.ingest.publish-timeout=15s",
      "spring.kafka.producer.properties[max.block.ms]=10000",
      "logging.structured.format.console=ecs"
    })
@EmbeddedKafka(partitions = 3, topics = Topics.SHIPMENT_STATUS)
@AutoConfigureWebTestClient
@AutoConfigureMetrics
@AutoConfigureTracing
@Import(FixedClockConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTest {

  private static final String WEBHOOK_PACKAGE = "io.parcelbell.ingest.webhook";

  @Autowired WebTestClient client;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ConfigurableEnvironment environment;

  /**
   * Spring Boot initializes Logback once per JVM while test contexts stay cached, so whether the
   * property took effect would depend on which test class ran first: initialize it from this
   * context's environment, and put the plain format back afterwards.
   */
  @BeforeEach
  void structuredLogging() {
    reinitializeLogging(environment, LogLevel.DEBUG);
  }

  @AfterEach
  void plainLogging() {
    reinitializeLogging(new StandardEnvironment(), null);
  }

  private static void reinitializeLogging(ConfigurableEnvironment from, LogLevel webhookLevel) {
    LoggingSystem logging =
        LoggingSystem.get(StructuredLoggingIntegrationTest.class.getClassLoader());
    logging.cleanUp();
    logging.initialize(new LoggingInitializationContext(from), null, null);
    // The per-item line is DEBUG (WebhookController); initialize() resets levels to the defaults.
    logging.setLogLevel(WEBHOOK_PACKAGE, webhookLevel);
  }

  @Test
  void webhookLogLineIsEcsJsonWithTraceIdAndMaskedPhone(CapturedOutput output) throws Exception {
    assertThat(new String(Vectors.compactBody(), StandardCharsets.UTF_8)).contains("01012345678");

    List<String> traceparents;
    try (var consumer = consumerAtTheEnd()) {
      traceparents = traceparents(consumer, postCompactVector());
    }

    List<JsonNode> itemLines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : output.getOut().split("\\R")) {
      if (line.startsWith("{") && line.contains("webhook item")) {
        itemLines.add(json.readTree(line));
      }
    }
    assertThat(itemLines).isNotEmpty();
    for (JsonNode line : itemLines) {
      assertThat(line.at("/ecs/version").asString()).isNotBlank();
      assertThat(line.at("/log/level").asString()).isEqualTo("DEBUG");
      assertThat(line.path("message").asString()).contains("010-****-5678");
      assertThat(traceId(line)).matches("[0-9a-f]{16,32}");
      assertThat(spanId(line)).matches("[0-9a-f]{16}");
    }
    assertThat(output.getAll()).doesNotContain("01012345678");

    // The same trace continues into Kafka: each record's W3C traceparent names the webhook's trace.
    String traceId = traceId(itemLines.get(0));
    assertThat(traceparents).hasSameSizeAs(itemLines);
    assertThat(traceparents)
        .allSatisfy(
            header -> assertThat(header.split("-")[1]).endsWith(traceId).matches("[0-9a-f]{32}"));
  }

  @Test
  void recordsCarryTheWebhooksTraceEvenWhenNothingIsLogged() {
    // At INFO no handle() makes the request's trace current on any thread (WebhookController):
    // the record's traceparent must come from Reactor's context alone.
    LoggingSystem.get(getClass().getClassLoader()).setLogLevel(WEBHOOK_PACKAGE, LogLevel.INFO);
    try (var consumer = consumerAtTheEnd()) {
      List<String> first = traceparents(consumer, postCompactVector());
      List<String> second = traceparents(consumer, postCompactVector());

      String w3c = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";
      assertThat(first).isNotEmpty().allSatisfy(header -> assertThat(header).matches(w3c));
      assertThat(second).isNotEmpty().allSatisfy(header -> assertThat(header).matches(w3c));
      // Each webhook's own trace, not one left current on the sending thread.
      assertThat(second.get(0).split("-")[1]).isNotEqualTo(first.get(0).split("-")[1]);
    }
  }

  /** Posts the signed compact vector and returns how many items ingest accepted. */
  private int postCompactVector() {
    byte[] answer =
        SignedWebhooks.postCompactVector(client)
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return new ObjectMapper().readTree(answer).path("accepted").asInt();
  }

  private KafkaConsumer<String, byte[]> consumerAtTheEnd() {
    Map<String, Object> props = KafkaTestUtils.consumerProps("trace-headers", "false", broker);
    var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.SHIPMENT_STATUS).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end offsets now, before anything is sent
    return consumer;
  }

  private static List<String> traceparents(KafkaConsumer<String, byte[]> consumer, int records) {
    List<String> headers = new ArrayList<>();
    KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), records)
        .forEach(record -> headers.add(traceparent(record.headers().lastHeader("traceparent"))));
    return headers;
  }

  private static String traceparent(Header header) {
    return header == null ? "missing" : new String(header.value(), StandardCharsets.US_ASCII);
  }

  /** ECS's trace.id, whether the formatter nests dotted names or not. */
  private static String traceId(JsonNode line) {
    return line.has("trace.id")
        ? line.path("trace.id").asString()
        : line.at("/trace/id").asString();
  }

  private static String spanId(JsonNode line) {
    return line.has("span.id") ? line.path("span.id").asString() : line.at("/span/id").asString();
  }
}

package io.parcelbell.notifier;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What Compose and Kubernetes run (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs, tracing on): a record
 * that arrives with a W3C trace context (as ingest's observed KafkaTemplate sends it) is processed
 * under that trace, so the notifier's JSON log lines carry ingest's trace id, and never a raw
 * phone.
 */
@IntegrationTest
@AutoConfigureMetrics
@AutoConfigureTracing
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
  static final String PHONE = "01055501234";
  static final String MASKED_PHONE = "010-****-1234";

  @Autowired ConfigurableEnvironment environment;

  @Value("${" + IntegrationTest.BROKERS + "}")
  String brokers;

  /**
   * Spring Boot initializes Logback once per JVM while test contexts stay cached, so whether the
   * property took effect would depend on which test class ran first: initialize it from this
   * context's environment, and put the plain format back afterwards.
   */
  @BeforeEach
  void structuredLogging() {
    reinitializeLogging(environment);
    // The line that names the (masked) phone, "Bizgo accepted …", is DEBUG: at that level too the
    // phone is masked and the trace carried.
    loggingSystem().setLogLevel(BizgoClient.class.getName(), LogLevel.DEBUG);
  }

  @AfterEach
  void plainLogging() {
    loggingSystem().setLogLevel(BizgoClient.class.getName(), null);
    reinitializeLogging(new StandardEnvironment());
  }

  private static LoggingSystem loggingSystem() {
    return LoggingSystem.get(StructuredLoggingIntegrationTest.class.getClassLoader());
  }

  private static void reinitializeLogging(ConfigurableEnvironment from) {
    LoggingSystem logging =
        LoggingSystem.get(StructuredLoggingIntegrationTest.class.getClassLoader());
    logging.cleanUp();
    logging.initialize(new LoggingInitializationContext(from), null, null);
  }

  @Test
  void aRecordsTraceContinuesIntoTheJsonLogsWithoutTheRawPhone(CapturedOutput output)
      throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", PHONE);
    String id = idOf(event);

    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            EventSerializer.class,
            "parcelbell.cloudevents.source",
            "/parcelbell/ingest");
    try (var producer = new KafkaProducer<String, ParcelbellEvent>(config)) {
      var record =
          new ProducerRecord<String, ParcelbellEvent>(
              Topics.SHIPMENT_STATUS, event.shipmentKey(), event);
      record
          .headers()
          .add(
              "traceparent",
              ("00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }

    List<JsonNode> lines =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> jsonLinesMentioning(output, id),
                // Up to the run's last line: every line of the run, not only those logged before
                // the one with the phone, must carry the trace (the later ones run on other
                // threads after MongoDB's and Bizgo's answers).
                found ->
                    found.stream()
                            .anyMatch(l -> l.path("message").asString().contains(MASKED_PHONE))
                        && found.stream()
                            .anyMatch(
                                l -> l.path("message").asString().endsWith(" is DISPATCHED")));

    for (JsonNode line : lines) {
      assertThat(line.at("/ecs/version").asString()).isNotBlank();
      assertThat(line.path("trace.id").asString()).isEqualTo(TRACE_ID);
      assertThat(line.path("span.id").asString())
          .matches("[0-9a-f]{16}")
          .isNotEqualTo(PARENT_SPAN_ID);
    }
    assertThat(output.getAll()).doesNotContain(PHONE);
  }

  private static List<JsonNode> jsonLinesMentioning(CapturedOutput output, String text)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> found = new ArrayList<>();
    for (String line : output.getOut().split("\\R")) {
      if (line.startsWith("{") && line.contains(text)) {
        found.add(json.readTree(line));
      }
    }
    return found;
  }
}

package io.parcelbell.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The shipped defaults other teams and the local stack rely on (team brief, DESIGN.md). */
class ApplicationDefaultsTest {

  private final PropertySource<?> yaml = load();

  private static PropertySource<?> load() {
    try {
      return new YamlPropertySourceLoader()
          .load("application", new ClassPathResource("application.yml"))
          .get(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String get(String key) {
    return String.valueOf(yaml.getProperty(key));
  }

  @Test
  void contractDefaults() {
    assertThat(get("server.port")).isEqualTo("8081");
    assertThat(get("server.shutdown")).isEqualTo("graceful");
    assertThat(get("spring.kafka.bootstrap-servers")).isEqualTo("localhost:9092");
    assertThat(get("parcelbell.ingest.webhook-secret")).isEqualTo("null");
    assertThat(get("parcelbell.ingest.timestamp-tolerance")).isEqualTo("300s");
    assertThat(get("parcelbell.kafka.create-topics")).isEqualTo("true");
    assertThat(get("management.endpoints.web.exposure.include"))
        .isEqualTo("health,info,prometheus");
    assertThat(get("management.endpoint.health.probes.enabled")).isEqualTo("true");
  }

  @Test
  void readinessWaitsForKafkaButLivenessDoesNot() {
    assertThat(get("management.endpoint.health.group.readiness.include"))
        .isEqualTo("readinessState,kafka");
    assertThat(get("management.endpoint.health.group.liveness.include")).isEqualTo("livenessState");
  }

  @Test
  void deliveryApiCallsAreRetriedWithBackoffBehindABreaker() {
    String retry = "resilience4j.retry.instances.deliveryapi.";
    assertThat(Integer.parseInt(get(retry + "max-attempts"))).isGreaterThan(1);
    assertThat(get(retry + "enable-exponential-backoff")).isEqualTo("true");
    assertThat(get("resilience4j.circuitbreaker.instances.deliveryapi.failure-rate-threshold"))
        .isNotEqualTo("null");
  }

  @Test
  void theProducerIsSafeAndNeverOutwaitsDeliveryApi() {
    String producer = "spring.kafka.producer.";
    assertThat(get(producer + "acks")).isEqualTo("all");
    assertThat(get(producer + "properties[enable.idempotence]")).isEqualTo("true");
    assertThat(get(producer + "properties[parcelbell.cloudevents.source]"))
        .isEqualTo("/parcelbell/ingest");
    Duration publishTimeout =
        DurationStyle.detectAndParse(get("parcelbell.ingest.publish-timeout"));
    Duration maxBlock =
        Duration.ofMillis(Long.parseLong(get(producer + "properties[max.block.ms]")));
    // DeliveryAPI gives up after 3 s: we must have answered (200 or 503) before that.
    assertThat(publishTimeout).isLessThan(Duration.ofSeconds(3));
    assertThat(maxBlock).isLessThanOrEqualTo(publishTimeout);
  }
}

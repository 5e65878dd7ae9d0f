package io.parcelbell.ingest.health;

import io.parcelbell.ingest.support.IngestIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With a broker up, readiness is UP because Kafka described its cluster; the broker-down case is in
 * KafkaUnavailableIntegrationTest.
 */
@IngestIntegrationTest
class ReadinessIntegrationTest {

  @Autowired WebTestClient client;

  @Test
  void readinessIncludesKafkaAndIsUpWithTheBroker() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP")
        .jsonPath("$.components.readinessState.status")
        .isEqualTo("UP");
  }

  @Test
  void livenessDoesNotDependOnKafka() {
    client
        .get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.livenessState.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka")
        .doesNotExist();
  }
}

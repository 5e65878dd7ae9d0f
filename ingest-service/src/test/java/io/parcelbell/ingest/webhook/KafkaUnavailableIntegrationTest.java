package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.support.FixedClockConfig;
import io.parcelbell.ingest.support.SignedWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Kafka that never answers: nothing may be claimed as received. Port 1 refuses every connection, so
 * the producer never gets metadata and the send cannot be acknowledged, and readiness is DOWN.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=localhost:1",
      "parcelbell.kafka.create-topics=false",
      "parcelbell.ingest.publish-timeout=1500ms",
      "management.endpoint.health.show-components=always"
    })
@AutoConfigureWebTestClient
@Import(FixedClockConfig.class)
class KafkaUnavailableIntegrationTest {

  @Autowired WebTestClient client;

  @Test
  void answers503WithRetryAfterWhenKafkaDoesNotAckInTime() {
    SignedWebhooks.postCompactVector(client)
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, PublishFailedException.RETRY_AFTER_SECONDS)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(PublishFailedException.PUBLISH_TIMEOUT)
        .jsonPath("$.received")
        .doesNotExist();
  }

  @Test
  void readinessIsDownWhileLivenessStaysUp() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("DOWN")
        .jsonPath("$.components.readinessState.status")
        .isEqualTo("UP");
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

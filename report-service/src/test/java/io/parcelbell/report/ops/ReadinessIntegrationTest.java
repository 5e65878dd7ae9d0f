package io.parcelbell.report.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Readiness waits for the MongoDB indexes (config.MongoIndexPlan); they exist soon after start. */
@IntegrationTest
class ReadinessIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired Environment environment;

  @Autowired
  @Qualifier("mongoIndexes")
  HealthIndicator mongoIndexes;

  @Test
  void readinessIncludesTheMongoIndexesAndIsUpOnceTheyExist() {
    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .contains("mongoIndexes");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mongoIndexes.health(false).getStatus().equals(Status.UP));
    web.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }
}

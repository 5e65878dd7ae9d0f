package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.report.support.InMemoryMongo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Kafka that never acknowledges (port 1 refuses every connection): nothing may be claimed as
 * received, so the answer is 503 REPORT_NOT_STORED within the persist timeout and Bizgo retries.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=localhost:1",
      "parcelbell.kafka.create-topics=false",
      "parcelbell.report.bizgo.persist-timeout=1500ms",
      "parcelbell.report.sweep-interval=6h",
      // Nothing to consume from a broker that is not there; listeners would only slow the close.
      "spring.kafka.listener.auto-startup=false"
    })
@ContextConfiguration(initializers = InMemoryMongo.class)
@AutoConfigureWebTestClient
// Closed right after this class, not at JVM exit, where closing clients of a dead broker is slow.
@DirtiesContext
class KafkaUnavailableReportIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired MeterRegistry meters;

  @Test
  void aReportKafkaDidNotAcknowledgeInTimeGets503() {
    double before = notStored();
    long started = System.nanoTime();
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"msgKey\":\"MK-no-kafka\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("REPORT_NOT_STORED")
        .jsonPath("$.msgKey")
        .doesNotExist();
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

    // The deadline answered, not Kafka's own (60 s) wait for metadata.
    assertThat(answeredIn).isLessThan(Duration.ofSeconds(5));
    assertThat(notStored()).isEqualTo(before + 1);
  }

  private double notStored() {
    var counter = meters.find("parcelbell.report.bizgo.requests").tag("outcome", "NOT_STORED");
    return counter.counter() == null ? 0 : counter.counter().count();
  }
}

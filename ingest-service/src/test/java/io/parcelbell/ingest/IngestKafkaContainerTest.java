package io.parcelbell.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.ingest.support.FixedClockConfig;
import io.parcelbell.ingest.support.ShipmentTopicProbe;
import io.parcelbell.ingest.support.SignedWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The happy path against a real Kafka image; skipped where no Docker runs. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@AutoConfigureWebTestClient
@Import(FixedClockConfig.class)
class IngestKafkaContainerTest {

  @Container @ServiceConnection
  static final KafkaContainer KAFKA =
      new KafkaContainer(DockerImageName.parse("apache/kafka:4.2.1"));

  @Autowired WebTestClient client;

  @Test
  void aSignedWebhookIsAcknowledgedAndOnTheTopic() {
    try (var probe = new ShipmentTopicProbe(KAFKA.getBootstrapServers())) {
      var before = probe.endOffsets();

      SignedWebhooks.postCompactVector(client)
          .expectStatus()
          .isOk()
          .expectBody()
          .json("{\"received\": true, \"accepted\": 1}");

      assertThat(probe.recordsSince(before))
          .extracting(r -> r.key())
          .containsExactly("cj:123456789012");
    }
  }
}

package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.ingest.support.FixedClockConfig;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import io.parcelbell.ingest.support.ShipmentTopicProbe;
import io.parcelbell.ingest.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

@IngestIntegrationTest
class WebhookIntegrationTest {

  @Autowired WebTestClient client;
  @Autowired ProducerFactory<?, ?> producerFactory;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  ShipmentTopicProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new ShipmentTopicProbe(brokers);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private WebTestClient.ResponseSpec post(byte[] body, String timestamp) {
    return client
        .post()
        .uri("/api/webhook/delivery")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Webhook-Timestamp", timestamp)
        .header("X-Webhook-Signature", Vectors.sign(Vectors.SECRET, timestamp, body))
        .bodyValue(body)
        .exchange();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void theSignedVectorIsPublishedWithKeyHeadersAndValue() throws Exception {
    byte[] body = Vectors.compactBody();
    var before = probe.endOffsets();

    client
        .post()
        .uri("/api/webhook/delivery")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
        .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"received\": true, \"accepted\": 1}", true);

    var records = probe.recordsSince(before);
    assertThat(records).hasSize(1);
    var record = records.get(0);
    String bodySha256 =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    String eventId = EventIds.of(bodySha256, "0");
    assertThat(record.topic()).isEqualTo(Topics.SHIPMENT_STATUS);
    assertThat(record.key()).isEqualTo("cj:123456789012");
    assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
    assertThat(header(record, CloudEventHeaders.TYPE))
        .isEqualTo("io.parcelbell.shipment.status-changed.v1");
    assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/parcelbell/ingest");
    assertThat(record.value())
        .isEqualTo(
            new ShipmentStatusChanged(
                eventId,
                "cj",
                "123456789012",
                "DELIVERED",
                true,
                "ORD-20260221-001",
                "배송완료",
                "서울 강남",
                new ShipmentMetadata(
                    "ORD-20260221-001", "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운"),
                FixedClockConfig.CLOCK.instant()));
  }

  @Test
  void aBatchIsPublishedAsOneRecordPerItemWithItemMetadataWinning() {
    byte[] body =
        """
        {"event":"tracking.status_changed","items":[
          {"clientId":"c-1","courierCode":"lotte","trackingNumber":"B-100","currentStatus":"IN_TRANSIT",
           "isDelivered":false,"trackingData":{"deliveryStatusText":"이동중","lastLocation":"대전"},
           "metadata":{"orderId":"ORD-B1","customerPhone":"01055556666"}},
          {"clientId":"c-2","courierCode":"lotte","trackingNumber":"B-200","currentStatus":"NEW_STATUS"}],
         "metadata":{"orderId":"ORD-B","customerPhone":"01012345678","customerName":"김철수",
                     "productName":"사과","courierName":"롯데택배"}}"""
            .getBytes(StandardCharsets.UTF_8);
    var before = probe.endOffsets();

    post(body, Vectors.TIMESTAMP)
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"received\": true, \"accepted\": 2}", true);

    var byKey =
        probe.recordsSince(before).stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    ConsumerRecord::key, r -> (ShipmentStatusChanged) r.value()));
    assertThat(byKey).containsOnlyKeys("lotte:B-100", "lotte:B-200");
    assertThat(byKey.get("lotte:B-100").metadata())
        .isEqualTo(new ShipmentMetadata("ORD-B1", "01055556666", "김철수", "사과", "롯데택배"));
    assertThat(byKey.get("lotte:B-100").lastLocation()).isEqualTo("대전");
    assertThat(byKey.get("lotte:B-200").metadata())
        .isEqualTo(new ShipmentMetadata("ORD-B", "01012345678", "김철수", "사과", "롯데택배"));
    assertThat(byKey.get("lotte:B-200").status()).isEqualTo("NEW_STATUS");
  }

  @Test
  void aRetriedWebhookWithANewTimestampKeepsItsEventIds() {
    byte[] body = Vectors.prettyBody();
    var before = probe.endOffsets();

    post(body, Vectors.TIMESTAMP).expectStatus().isOk();
    post(body, String.valueOf(Vectors.SIGNED_AT.getEpochSecond() + 60)).expectStatus().isOk();

    List<ConsumerRecord<String, ParcelbellEvent>> records = probe.recordsSince(before);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).value().eventId()).isEqualTo(records.get(1).value().eventId());
    assertThat(header(records.get(1), CloudEventHeaders.ID))
        .isEqualTo(records.get(0).value().eventId());
  }

  @Test
  void anotherMethodOnTheWebhookPathIsNotAllowed() {
    client
        .get()
        .uri("/api/webhook/delivery")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .valueEquals("Allow", "POST");
  }

  @Test
  void theProducerWaitsForAllReplicasAndIsIdempotent() {
    var config = producerFactory.getConfigurationProperties();
    assertThat(String.valueOf(config.get(ProducerConfig.ACKS_CONFIG))).isEqualTo("all");
    assertThat(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
        .isEqualTo("true");
  }

  @Test
  void healthProbesAndMetricsAreExposed() {
    post(Vectors.compactBody(), Vectors.TIMESTAMP).expectStatus().isOk();

    client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            text ->
                assertThat(text)
                    .contains("parcelbell_ingest_webhooks_received_total")
                    .contains("parcelbell_ingest_items_published_total")
                    .contains("parcelbell_ingest_publish_latency_seconds_count{outcome=\"acked\"")
                    .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*"
                            + "uri=\"/api/webhook/delivery\"")
                    // No in-flight LongTaskTimer per request: it cost 1.5 % of ingest's CPU.
                    .doesNotContain("http_server_requests_active_seconds")
                    .doesNotContain("01012345678"));
  }
}

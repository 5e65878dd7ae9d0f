package io.parcelbell.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The settlement path against real MongoDB and Kafka images (the positional update and the
 * conditional upserts behave as on mongo-java-server). Skips where no Docker runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@AutoConfigureWebTestClient
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "parcelbell.report.bizgo.allowed-ips=0.0.0.0/0,::/0",
    })
class ContainersTest {

  @Container @ServiceConnection static MongoDBContainer mongo = new MongoDBContainer("mongo:7");

  @Container @ServiceConnection
  static KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> template;
  @Autowired NotificationStore notifications;

  @Test
  void aDispatchAndItsReportSettleTheNotification() {
    var shipment = Events.freshShipment();
    ParcelbellEvent dispatched = shipment.dispatched(Channel.ALIMTALK, 1, true);
    template.send(Topics.NOTIFICATION_LIFECYCLE, dispatched.shipmentKey(), dispatched).join();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> notifications.findById(shipment.notificationId()).blockOptional().isPresent());

    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(shipment.report(Channel.ALIMTALK, "64016", "카카오톡 미사용자"))
        .exchange()
        .expectStatus()
        .isOk();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notifications.findById(shipment.notificationId()).block().state()
                    == NotificationState.DEAD_LETTER);
    NotificationDocument doc = notifications.findById(shipment.notificationId()).block();
    assertThat(doc.reason()).isEqualTo("not a KakaoTalk user");
    assertThat(doc.attempts())
        .singleElement()
        .extracting(a -> a.state())
        .isEqualTo(AttemptState.FAILED);
  }
}

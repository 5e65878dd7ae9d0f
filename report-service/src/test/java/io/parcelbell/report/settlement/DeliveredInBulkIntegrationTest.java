package io.parcelbell.report.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.OutcomeTopic;
import io.parcelbell.report.support.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Delivered reports settled a batch at a time: each notification settled and published exactly
 * once, however many settle the same reports at once (replicas, or a batch seen again), and a
 * msgKey's earlier report in the batch still decides before its later one.
 */
@IntegrationTest
class DeliveredInBulkIntegrationTest {

  private static final int NOTIFICATIONS = 60;

  @Autowired DeliveredInBulk bulk;
  @Autowired NotificationStore notifications;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired WebTestClient web;

  private OutcomeTopic outcomes;

  @BeforeEach
  void readOutcomes() {
    outcomes = new OutcomeTopic(broker);
  }

  @AfterEach
  void close() {
    outcomes.close();
  }

  @Test
  void fourSettlersOfTheSameReportsSettleAndPublishEachNotificationOnce() {
    List<Events> shipments = dispatched(NOTIFICATIONS);
    List<RawReport> reports = shipments.stream().map(this::delivered).toList();

    List<Set<String>> settledBy =
        Flux.range(0, 4)
            .parallel(4)
            .runOn(Schedulers.parallel())
            .flatMap(settler -> bulk.settle(reports))
            .sequential()
            .collectList()
            .block(Duration.ofSeconds(30));

    Set<String> all = new HashSet<>();
    int total = 0;
    for (Set<String> ids : settledBy) {
      all.addAll(ids);
      total += ids.size();
    }
    assertThat(all).hasSize(NOTIFICATIONS);
    assertThat(total).as("no report settled by two settlers").isEqualTo(NOTIFICATIONS);
    for (Events shipment : shipments) {
      NotificationDocument doc = notifications.findById(shipment.notificationId()).block();
      assertThat(doc.state()).isEqualTo(NotificationState.SENT);
      assertThat(doc.endedAt()).isNotNull();
      assertThat(doc.attempt(shipment.msgKey(Channel.ALIMTALK)).orElseThrow().state())
          .isEqualTo(AttemptState.DELIVERED);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (Events shipment : shipments) {
                NotificationDocument doc =
                    notifications.findById(shipment.notificationId()).block();
                assertThat(doc.outcomePublished()).isTrue();
                assertThat(doc.attempts().get(0).published()).isTrue();
              }
            });
    // Once more, as a batch seen again would: nothing left to settle, nothing published again.
    assertThat(bulk.settle(reports).block()).isEmpty();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<NotificationSettled> settled = outcomes.settled();
              for (Events shipment : shipments) {
                List<NotificationSettled> events =
                    settled.stream()
                        .filter(e -> e.notificationId().equals(shipment.notificationId()))
                        .toList();
                assertThat(events)
                    .extracting(NotificationSettled::scope)
                    .containsExactly(SettlementScope.ATTEMPT, SettlementScope.NOTIFICATION);
                assertThat(events)
                    .allSatisfy(
                        e -> assertThat(e.notificationState()).isEqualTo(NotificationState.SENT));
              }
            });
  }

  @Test
  void reportsItCannotSettleAreLeftForTheReportByReportWay() {
    Events known = dispatched(1).get(0);
    Events unknown = Events.freshShipment(); // never dispatched: no attempt to meet yet
    Events failedFirst = dispatched(1).get(0);
    failedFirst(failedFirst);

    Set<String> settled =
        bulk.settle(List.of(delivered(known), delivered(unknown), delivered(failedFirst)))
            .block(Duration.ofSeconds(30));

    assertThat(settled).containsExactly(delivered(known).id());
    assertThat(notifications.findById(unknown.notificationId()).block()).isNull();
    assertThat(notifications.findById(failedFirst.notificationId()).block().state())
        .isEqualTo(NotificationState.PENDING);
  }

  @Test
  void aMsgKeysFailedReportBeforeItsDeliveredOneInTheSameBatchDecides() {
    Events shipment = dispatched(1).get(0);
    String msgKey = shipment.msgKey(Channel.ALIMTALK);
    // Both on the report topic back to back, as Bizgo's two reports of one message would come.
    String failed = shipment.report(Channel.ALIMTALK, "64016", "not a KakaoTalk user");
    String deliveredLater = shipment.report(Channel.ALIMTALK, "10000", "성공");
    post(failed);
    post(deliveredLater);

    await()
        .untilAsserted(
            () ->
                assertThat(
                        notifications
                            .findById(shipment.notificationId())
                            .block()
                            .attempt(msgKey)
                            .orElseThrow()
                            .state())
                    .isEqualTo(AttemptState.FAILED));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(outcomes.settledFor(shipment.notificationId()))
                    .singleElement()
                    .extracting(NotificationSettled::attemptState)
                    .isEqualTo(AttemptState.FAILED));
    assertThat(notifications.findById(shipment.notificationId()).block().state())
        .isEqualTo(NotificationState.PENDING); // the SMS fallback is still to come
  }

  private void failedFirst(Events shipment) {
    post(shipment.report(Channel.ALIMTALK, "64016", "not a KakaoTalk user"));
    await()
        .until(
            () ->
                notifications
                        .findById(shipment.notificationId())
                        .block()
                        .attempt(shipment.msgKey(Channel.ALIMTALK))
                        .orElseThrow()
                        .state()
                    == AttemptState.FAILED);
  }

  private void post(String body) {
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private List<Events> dispatched(int count) {
    List<Events> shipments = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> shipments.add(Events.freshShipment()));
    for (Events shipment : shipments) {
      ParcelbellEvent event = shipment.dispatched(Channel.ALIMTALK, 1, false);
      kafka.send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event);
    }
    kafka.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                shipments.stream()
                    .allMatch(
                        s -> {
                          var doc = notifications.findById(s.notificationId()).block();
                          return doc != null && doc.attempt(s.msgKey(Channel.ALIMTALK)).isPresent();
                        }));
    return shipments;
  }

  private RawReport delivered(Events shipment) {
    return Stored.deliveredReport(
        shipment.msgKey(Channel.ALIMTALK),
        shipment.notificationId(),
        Instant.parse("2026-04-24T01:42:36.120Z"));
  }
}

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
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.OutcomeTopic;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The notifier dispatched with msgKey {@code unknown-msgkey:...} (Bizgo answered A301 without the
 * msgKey): the report, which carries Bizgo's real msgKey, is matched by ref + channel instead.
 */
@IntegrationTest
class UnknownMsgKeySettlementIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired NotificationStore notifications;
  @Autowired RawReportStore reports;

  final Events shipment = Events.freshShipment();
  final String realMsgKey = "MK-real-" + shipment.tracking();
  OutcomeTopic outcomes;

  @BeforeEach
  void readOutcomes() {
    outcomes = new OutcomeTopic(broker);
  }

  @AfterEach
  void close() {
    outcomes.close();
  }

  @Test
  void aReportIsMatchedByRefAndChannelToTheAttemptWithAnUnknownMsgKey() {
    var dispatched = shipment.dispatchedWithUnknownMsgKey(Channel.ALIMTALK, 1, false);
    publish(dispatched);
    awaitAttemptState(dispatched.msgKey(), AttemptState.PENDING);

    postReport(shipment.report(realMsgKey, Channel.ALIMTALK, "64016", "카카오톡 미사용자"));

    awaitAttemptState(dispatched.msgKey(), AttemptState.FAILED);
    NotificationDocument doc = current();
    assertThat(doc.state()).isEqualTo(NotificationState.PENDING); // the SMS fallback is left
    assertThat(doc.attempts()).singleElement().extracting(a -> a.reportCode()).isEqualTo("64016");
    // Marked applied right after the attempt settled, by the report listener.
    await()
        .untilAsserted(
            () ->
                assertThat(reports.findById(RawReport.idOf(realMsgKey, "64016")).block().applied())
                    .isTrue());
    // Named by the msgKey the notifier knows the attempt by, so its fallback finds the attempt.
    await().until(() -> outcomes.settledFor(shipment.notificationId()).size() == 1);
    NotificationSettled settled = outcomes.settledFor(shipment.notificationId()).get(0);
    assertThat(settled.scope()).isEqualTo(SettlementScope.ATTEMPT);
    assertThat(settled.msgKey()).isEqualTo(dispatched.msgKey());
    assertThat(settled.attemptState()).isEqualTo(AttemptState.FAILED);
  }

  @Test
  void aReportThatArrivedBeforeTheDispatchIsAppliedWhenItComes() {
    postReport(shipment.report(realMsgKey, Channel.SMS, "10000", "성공"));
    RawReport waiting =
        await()
            .until(
                () -> reports.findById(RawReport.idOf(realMsgKey, "10000")).block(),
                java.util.Objects::nonNull);
    assertThat(waiting.applied()).isFalse();

    var dispatched = shipment.dispatchedWithUnknownMsgKey(Channel.SMS, 2, true);
    publish(dispatched);

    await().until(() -> current() != null && current().state() == NotificationState.SENT);
    assertThat(current().attempt(dispatched.msgKey()).orElseThrow().state())
        .isEqualTo(AttemptState.DELIVERED);
  }

  @Test
  void aReportForAnotherChannelIsNotMatched() {
    var dispatched = shipment.dispatchedWithUnknownMsgKey(Channel.ALIMTALK, 1, false);
    publish(dispatched);
    awaitAttemptState(dispatched.msgKey(), AttemptState.PENDING);

    postReport(shipment.report(realMsgKey, Channel.SMS, "10000", "성공"));
    // A marker to wait for: the matching report, posted after the other one.
    postReport(shipment.report(realMsgKey + "-at", Channel.ALIMTALK, "10000", "성공"));

    awaitAttemptState(dispatched.msgKey(), AttemptState.DELIVERED);
    await()
        .during(Duration.ofMillis(500))
        .until(() -> !reports.findById(RawReport.idOf(realMsgKey, "10000")).block().applied());
    assertThat(current().attempts()).hasSize(1);
  }

  private void publish(ParcelbellEvent event) {
    kafka.send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event).join();
  }

  private void postReport(String body) {
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private NotificationDocument current() {
    return notifications.findById(shipment.notificationId()).block();
  }

  private void awaitAttemptState(String msgKey, AttemptState state) {
    await()
        .until(
            () -> {
              var doc = current();
              return doc != null && doc.attempt(msgKey).map(a -> a.state() == state).orElse(false);
            });
  }
}

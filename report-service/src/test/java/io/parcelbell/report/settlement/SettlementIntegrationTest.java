package io.parcelbell.report.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class SettlementIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired NotificationStore notifications;
  @Autowired RawReportStore reports;

  Events shipment = Events.freshShipment();
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
  void dispatchThenDeliveredReportSettlesTheNotificationAsSent() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);
    long pending = current().version();

    postReport(shipment.report(Channel.ALIMTALK, "10000", "성공"));

    NotificationDocument doc = awaitState(NotificationState.SENT);
    // The attempt and the notification in one write (the published marks leave the version).
    assertThat(doc.version()).isEqualTo(pending + 1);
    assertThat(doc.attempts()).hasSize(1);
    var attempt = doc.attempts().get(0);
    assertThat(attempt.channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(attempt.state()).isEqualTo(AttemptState.DELIVERED);
    assertThat(attempt.reportCode()).isEqualTo("10000");
    assertThat(attempt.reportedAt()).isEqualTo("2026-04-24T01:42:36.120Z");
    assertThat(doc.recipient()).isEqualTo("010-****-5678");
    assertSentEvents();
    await()
        .untilAsserted(
            () -> {
              assertThat(current().outcomePublished()).isTrue();
              assertThat(current().attempts().get(0).published()).isTrue();
            });
  }

  @Test
  void reportBeforeDispatchConvergesToTheSameEndState() {
    postReport(shipment.report(Channel.ALIMTALK, "10000", "성공"));
    String reportId = RawReport.idOf(shipment.msgKey(Channel.ALIMTALK), "10000");
    // Stored by the report listener, after the answer; nothing to apply it to yet.
    RawReport waiting =
        await().until(() -> reports.findById(reportId).block(), java.util.Objects::nonNull);
    assertThat(waiting).extracting(RawReport::applied).isEqualTo(false);

    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));

    NotificationDocument doc = awaitState(NotificationState.SENT);
    assertThat(doc.attempts())
        .singleElement()
        .extracting(a -> a.state())
        .isEqualTo(AttemptState.DELIVERED);
    await().untilAsserted(() -> assertThat(reports.findById(reportId).block().applied()).isTrue());
    assertSentEvents();
  }

  /**
   * Reports that overtook their dispatches wait; the dispatches, arriving together (one polled
   * batch, most likely), find them with one read for the batch and settle each.
   */
  @Test
  void reportsBeforeSeveralDispatchesInOneBatchAllSettle() {
    List<Events> shipments = List.of(shipment, Events.freshShipment(), Events.freshShipment());
    for (Events each : shipments) {
      postReport(each.report(Channel.ALIMTALK, "10000", "성공"));
    }
    for (Events each : shipments) {
      String reportId = RawReport.idOf(each.msgKey(Channel.ALIMTALK), "10000");
      await().until(() -> reports.findById(reportId).block(), java.util.Objects::nonNull);
    }

    for (Events each : shipments) {
      var dispatched = each.dispatched(Channel.ALIMTALK, 1, false);
      kafka.send(Topics.NOTIFICATION_LIFECYCLE, dispatched.shipmentKey(), dispatched);
    }
    kafka.flush();

    for (Events each : shipments) {
      await()
          .untilAsserted(
              () ->
                  assertThat(notifications.findById(each.notificationId()).block())
                      .isNotNull()
                      .extracting(NotificationDocument::state)
                      .isEqualTo(NotificationState.SENT));
    }
  }

  @Test
  void theSameReportThreeTimesSettlesOnce() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);

    String report = shipment.report(Channel.ALIMTALK, "10000", "성공");
    postReport(report);
    postReport(report);
    postReport(report);

    NotificationDocument doc = awaitState(NotificationState.SENT);
    assertThat(doc.attempts()).hasSize(1);
    assertSentEvents();
  }

  @Test
  void aLateDispatchAfterSettlementDoesNotRevertIt() {
    var dispatched = shipment.dispatched(Channel.ALIMTALK, 1, false);
    publish(dispatched);
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);
    postReport(shipment.report(Channel.ALIMTALK, "10000", "성공"));
    long version = awaitState(NotificationState.SENT).version();

    publish(dispatched); // redelivered
    publish(shipment.held()); // and something even older
    awaitHandled();

    NotificationDocument doc = current();
    assertThat(doc.state()).isEqualTo(NotificationState.SENT);
    assertThat(doc.attempt(shipment.msgKey(Channel.ALIMTALK)).orElseThrow().state())
        .isEqualTo(AttemptState.DELIVERED);
    assertThat(doc.version()).isEqualTo(version);
  }

  @Test
  void aNotificationSentAgainAfterItsDedupWindowIsPendingUntilTheNewMessageSettles() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);
    postReport(shipment.report(Channel.ALIMTALK, "10000", "성공"));
    assertThat(awaitState(NotificationState.SENT).endedAt()).isNotNull();

    // A day later the courier repeats the status: the notifier's next generation, attempt 2.
    String again = shipment.msgKey(Channel.ALIMTALK) + "-again";
    publish(shipment.dispatched(Channel.ALIMTALK, 2, false, again, Instant.now()));

    NotificationDocument reopened = awaitState(NotificationState.PENDING);
    assertThat(reopened.endedAt()).isNull();
    assertThat(reopened.attempts())
        .extracting(a -> a.state())
        .containsExactly(AttemptState.DELIVERED, AttemptState.PENDING);

    postReport(shipment.report(again, Channel.ALIMTALK, "10000", "성공"));
    NotificationDocument sentAgain = awaitState(NotificationState.SENT);
    assertThat(sentAgain.endedAt()).isNotNull();
    // Two NOTIFICATION outcomes, one for each message, told apart by their event ids.
    await()
        .until(
            () ->
                outcomes.settledFor(shipment.notificationId()).stream()
                        .filter(e -> e.scope() == SettlementScope.NOTIFICATION)
                        .count()
                    == 2);
    assertThat(outcomes.settledFor(shipment.notificationId()))
        .filteredOn(e -> e.scope() == SettlementScope.NOTIFICATION)
        .extracting(NotificationSettled::eventId)
        .doesNotHaveDuplicates();
  }

  @Test
  void aTrackingNumberReusedAfterTheNotifierForgotItIsSentAgainFromAttemptOne() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, true));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);
    postReport(shipment.report(Channel.ALIMTALK, "64016", "카카오톡 미사용자"));
    awaitState(NotificationState.DEAD_LETTER);

    // Months later the notifier's document is gone (retention) and it starts at attempt 1 again.
    String reused = shipment.msgKey(Channel.ALIMTALK) + "-reused";
    publish(shipment.dispatched(Channel.ALIMTALK, 1, true, reused, Instant.now()));
    assertThat(awaitState(NotificationState.PENDING).attempts()).hasSize(2);

    postReport(shipment.report(reused, Channel.ALIMTALK, "10000", "성공"));
    awaitState(NotificationState.SENT);
  }

  @Test
  void aSupersededEventForAPendingNotificationThatBizgoNeverAcceptedSupersedesIt() {
    publish(shipment.rejected(Channel.ALIMTALK, 1, false)); // PENDING, no accepted attempt
    awaitState(NotificationState.PENDING);

    publish(shipment.superseded());

    NotificationDocument doc = awaitState(NotificationState.SUPERSEDED);
    assertThat(doc.reason()).startsWith("superseded by ");
    assertThat(doc.endedAt()).isNotNull();
    // For the timeline: by which notification, and when.
    await().until(() -> current().supersededBy() != null);
    assertThat(current().supersededBy()).isEqualTo(shipment.superseded().supersededBy());
    assertThat(current().supersededAt()).isEqualTo(shipment.superseded().occurredAt());
  }

  @Test
  void aSupersededEventAfterBizgoAcceptedTheMessageIsIgnoredAndTheReportDecides() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, true));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);

    publish(shipment.superseded());
    awaitHandled();
    assertThat(current().state()).isEqualTo(NotificationState.PENDING);
    assertThat(current().supersededBy()).as("an overruled supersede leaves no trace").isNull();

    postReport(shipment.report(Channel.ALIMTALK, "10000", "성공"));
    awaitState(NotificationState.SENT);
  }

  /** Everything published before is handled: the topic has one partition, kept in order. */
  private void awaitHandled() {
    Events marker = Events.freshShipment();
    publish(marker.held());
    await()
        .until(() -> notifications.findById(marker.notificationId()).blockOptional().isPresent());
  }

  @Test
  void aFailedAlimtalkWithAFallbackLeftKeepsTheNotificationPending() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);

    postReport(shipment.report(Channel.ALIMTALK, "64016", "카카오톡 미사용자"));

    awaitAttempt(Channel.ALIMTALK, AttemptState.FAILED);
    NotificationDocument doc = current();
    assertThat(doc.state()).isEqualTo(NotificationState.PENDING);
    assertThat(doc.attempts().get(0).reportCode()).isEqualTo("64016");
    assertThat(doc.attempts().get(0).reportText()).isEqualTo("카카오톡 미사용자");

    await().until(() -> outcomes.settledFor(shipment.notificationId()).size() == 1);
    NotificationSettled settled = outcomes.settledFor(shipment.notificationId()).get(0);
    assertThat(settled.scope()).isEqualTo(SettlementScope.ATTEMPT);
    assertThat(settled.attemptState()).isEqualTo(AttemptState.FAILED);
    assertThat(settled.reportCode()).isEqualTo("64016");
    assertThat(settled.notificationState()).isEqualTo(NotificationState.PENDING);
  }

  @Test
  void aFailureOnTheFinalChannelIsADeadLetterWithItsReason() {
    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitAttempt(Channel.ALIMTALK, AttemptState.PENDING);
    postReport(shipment.report(Channel.ALIMTALK, "64016", "카카오톡 미사용자"));
    awaitAttempt(Channel.ALIMTALK, AttemptState.FAILED);

    publish(shipment.dispatched(Channel.SMS, 2, true));
    awaitAttempt(Channel.SMS, AttemptState.PENDING);
    postReport(shipment.report(Channel.SMS, "22000", "전송시간초과"));

    NotificationDocument doc = awaitState(NotificationState.DEAD_LETTER);
    assertThat(doc.reason()).isEqualTo("transmission timeout");
    assertThat(doc.attempts())
        .extracting(a -> a.state())
        .containsExactly(AttemptState.FAILED, AttemptState.FAILED);
    await()
        .untilAsserted(
            () ->
                assertThat(outcomes.settledFor(shipment.notificationId()))
                    .extracting(NotificationSettled::scope, NotificationSettled::notificationState)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            SettlementScope.ATTEMPT, NotificationState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(
                            SettlementScope.ATTEMPT, NotificationState.DEAD_LETTER),
                        org.assertj.core.groups.Tuple.tuple(
                            SettlementScope.NOTIFICATION, NotificationState.DEAD_LETTER)));
  }

  @Test
  void aTerminalRejectionIsADeadLetter() {
    publish(shipment.rejected(Channel.SMS, 2, true));

    NotificationDocument doc = awaitState(NotificationState.DEAD_LETTER);
    assertThat(doc.reason()).isEqualTo("invalid recipient");
    assertThat(doc.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AttemptState.FAILED);
              assertThat(a.reportCode()).isEqualTo("A306");
            });
    await().until(() -> outcomes.settledFor(shipment.notificationId()).size() == 1);
    assertThat(outcomes.settledFor(shipment.notificationId()).get(0).scope())
        .isEqualTo(SettlementScope.NOTIFICATION);
  }

  @Test
  void aHeldNotificationBecomesPendingWhenDispatched() {
    publish(shipment.held());
    await()
        .until(() -> notifications.findById(shipment.notificationId()).blockOptional().isPresent());
    assertThat(current().state()).isEqualTo(NotificationState.HELD);
    // For the timeline: held since when, until when.
    await().until(() -> current().heldUntil() != null);
    assertThat(current().heldAt()).isEqualTo(shipment.held().occurredAt());
    assertThat(current().heldUntil()).isEqualTo(shipment.held().releaseAt());

    publish(shipment.dispatched(Channel.ALIMTALK, 1, false));
    awaitState(NotificationState.PENDING);
  }

  private void assertSentEvents() {
    String id = shipment.notificationId();
    String msgKey = shipment.msgKey(Channel.ALIMTALK);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(() -> outcomes.settledFor(id).size() == 2);
    List<NotificationSettled> settled = outcomes.settledFor(id);
    assertThat(settled.get(0).scope()).isEqualTo(SettlementScope.ATTEMPT);
    assertThat(settled.get(0).attemptState()).isEqualTo(AttemptState.DELIVERED);
    assertThat(settled.get(0).channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(settled.get(0).notificationState()).isEqualTo(NotificationState.SENT);
    assertThat(settled.get(0).eventId()).isEqualTo(EventIds.of(id, msgKey, "DELIVERED", "ATTEMPT"));
    assertThat(settled.get(1).scope()).isEqualTo(SettlementScope.NOTIFICATION);
    assertThat(settled.get(1).notificationState()).isEqualTo(NotificationState.SENT);
    assertThat(settled.get(1).eventId()).isEqualTo(EventIds.of(id, msgKey, "SENT", "NOTIFICATION"));
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
        .isOk()
        .expectBody()
        .jsonPath("$.msgKey")
        .isEqualTo(body.substring(body.indexOf("MK-"), body.indexOf('"', body.indexOf("MK-"))));
  }

  private NotificationDocument current() {
    return notifications.findById(shipment.notificationId()).block();
  }

  private void awaitAttempt(Channel channel, AttemptState state) {
    await()
        .until(
            () -> {
              var doc = notifications.findById(shipment.notificationId()).block();
              return doc != null
                  && doc.attempt(shipment.msgKey(channel))
                      .map(a -> a.state() == state)
                      .orElse(false);
            });
  }

  private NotificationDocument awaitState(NotificationState state) {
    await()
        .until(
            () -> {
              var doc = notifications.findById(shipment.notificationId()).block();
              return doc != null && doc.state() == state;
            });
    return current();
  }
}

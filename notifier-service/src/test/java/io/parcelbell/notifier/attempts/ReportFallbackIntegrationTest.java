package io.parcelbell.notifier.attempts;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ReportFallbackIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void aFailedAlimtalkReportSendsTheFallbackOnceEvenWhenRedelivered(CapturedOutput output)
      throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01044445555");
    String id = idOf(event);
    ShipmentStatusChanged other = event("DELIVERED", "01044445556");
    NotificationDispatched alimtalk = dispatch(event, 1);
    NotificationDispatched otherAlimtalk = dispatch(other, 1);

    publish(failed(alimtalk, AttemptState.FAILED, "64016"));
    publish(failed(alimtalk, AttemptState.FAILED, "64016"));
    // One partition: once the other notification fell back, both copies above were handled.
    publish(failed(otherAlimtalk, AttemptState.EXPIRED, null));

    awaitDispatched(idOf(other), 2);
    NotificationDispatched fallback = awaitDispatched(id, 2);
    assertThat(fallback.channel()).isEqualTo(Channel.SMS);
    assertThat(fallback.idempotencyKey()).isEqualTo(id + ":2");
    assertThat(fallback.finalChannel()).isTrue();
    assertThat(bizgo.requestsFor(id)).hasSize(2);
    assertThat(bizgo.requestsFor(id).get(1).body().at("/messageFlow/0").has("sms")).isTrue();
    assertThat(
            lifecycle.eventsOf(
                NotificationDispatched.class,
                d -> d.notificationId().equals(id) && d.attempt() == 2))
        .hasSize(1);
    // It was found: no warning that it was not (one was logged for every fallback once).
    assertThat(output.getOut()).doesNotContain("report for unknown notification " + id);
  }

  @Test
  void aReportForANotificationNeverStoredHereIsIgnoredWithAWarning(CapturedOutput output)
      throws Exception {
    ShipmentStatusChanged known = event("DELIVERED", "01044445559");
    NotificationDispatched alimtalk = dispatch(known, 1);
    String unknownId = "cj:" + UUID.randomUUID() + ":DELIVERED";
    NotificationSettled forUnknown = failed(alimtalk, AttemptState.FAILED, "64016");
    forUnknown =
        new NotificationSettled(
            forUnknown.eventId(),
            unknownId,
            forUnknown.courierCode(),
            forUnknown.trackingNumber(),
            forUnknown.shipmentStatus(),
            forUnknown.orderId(),
            forUnknown.scope(),
            forUnknown.channel(),
            forUnknown.msgKey(),
            forUnknown.attemptState(),
            forUnknown.reportCode(),
            forUnknown.reportText(),
            forUnknown.reportedAt(),
            forUnknown.notificationState(),
            forUnknown.reason(),
            forUnknown.occurredAt());

    publish(forUnknown);

    await()
        .atMost(WAIT)
        .until(() -> output.getOut().contains("report for unknown notification " + unknownId));
    assertThat(bizgo.requestsFor(idOf(known))).hasSize(1);
  }

  @Test
  void aDeliveredReportSendsNothingMore() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01044445557");
    NotificationDispatched alimtalk = dispatch(event, 1);
    ShipmentStatusChanged other = event("DELIVERED", "01044445558");
    NotificationDispatched otherAlimtalk = dispatch(other, 1);

    publish(failed(alimtalk, AttemptState.DELIVERED, "10000"));
    publish(failed(otherAlimtalk, AttemptState.FAILED, "64016"));

    awaitDispatched(idOf(other), 2);
    assertThat(bizgo.requestsFor(idOf(event))).hasSize(1);
  }

  private NotificationDispatched dispatch(ShipmentStatusChanged event, int attempt)
      throws Exception {
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
    return awaitDispatched(idOf(event), attempt);
  }

  private void publish(NotificationSettled settled) throws Exception {
    kafka.send(Topics.NOTIFICATION_OUTCOME, settled.shipmentKey(), settled).get();
  }

  static NotificationSettled failed(NotificationDispatched d, AttemptState state, String code) {
    return new NotificationSettled(
        UUID.randomUUID().toString(),
        d.notificationId(),
        d.courierCode(),
        d.trackingNumber(),
        d.shipmentStatus(),
        d.orderId(),
        SettlementScope.ATTEMPT,
        Channel.ALIMTALK,
        d.msgKey(),
        state,
        code,
        "report",
        Instant.now(),
        state == AttemptState.DELIVERED ? NotificationState.SENT : NotificationState.PENDING,
        null,
        Instant.now());
  }

  private NotificationDispatched awaitDispatched(String id, int attempt) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                lifecycle
                    .eventsOf(
                        NotificationDispatched.class,
                        d -> d.notificationId().equals(id) && d.attempt() == attempt)
                    .stream()
                    .findFirst()
                    .orElse(null),
            d -> d != null);
  }
}

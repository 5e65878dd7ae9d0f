package io.parcelbell.notifier.claims;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An operator's resend (ResendRequested on the commands topic): a dead-lettered notification is
 * sent again as its next generation, with a new attempt number and so a new idempotency key; a
 * repeated command changes nothing.
 */
@IntegrationTest
class ResendIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void aDeadLetteredNotificationIsSentAgainWithANewKeyAndOnlyOnce() throws Exception {
    // As a failed delivery report leaves it here: DISPATCHED (report-service says DEAD_LETTER).
    String id = deadLettered("01012347001", false);
    // As a synchronous refusal of the last channel leaves it: DEAD_LETTER.
    String other = deadLettered("01012347002", true);

    send(command(id, 1));
    send(command(other, 1));
    NotificationDispatched again = awaitDispatched(id, 2);
    awaitDispatched(other, 2);
    assertThat(again.idempotencyKey()).isNotEqualTo(awaitDispatched(id, 1).idempotencyKey());
    assertThat(bizgo.sendsWithKey(again.idempotencyKey())).isEqualTo(1);
    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.generation()).isEqualTo(2);
    assertThat(stored.firstAttempt()).isEqualTo(2);

    // A second click's command (another id, the same ending) and a redelivery of the first: both
    // follow attempt 1, which is no longer the last - nothing is sent, nothing rejected.
    send(command(id, 1));
    send(command(id, 1));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> bizgo.requestsFor(id).size() == 2);
    assertThat(lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
        .hasSize(2);
    assertThat(lifecycle.eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id)))
        .isEmpty();

    // The resend dead-lettered too, and is resent again: attempt 3, a third key.
    send(command(id, 2));
    NotificationDispatched third = awaitDispatched(id, 3);
    assertThat(third.idempotencyKey()).isNotIn(again.idempotencyKey());
    assertThat(mongo.findById(id, NotificationDocument.class).block().generation()).isEqualTo(3);
  }

  @Test
  void aResendWhoseSendFailedIsResumedWhenItsCommandComesAgain() throws Exception {
    String id = deadLettered("01012347003", false);
    // Bizgo answers 500 to more tries than one run makes: the run fails, the command is redelivered
    // after a back-off and finds its resend CLAIMED, and resumes it with the same key.
    bizgo.failNext(id, 6, 500);

    send(command(id, 1));

    NotificationDispatched again = awaitDispatched(id, 2);
    assertThat(bizgo.sendsWithKey(again.idempotencyKey())).isEqualTo(1);
  }

  @Test
  void aResendOfANotificationTheNotifierNoLongerHoldsSaysWhy() throws Exception {
    String id = "cj:FORGOTTEN-" + UUID.randomUUID() + ":DELIVERED";

    send(command(id, 1));

    NotificationRejected rejected =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    lifecycle
                        .eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id))
                        .stream()
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    assertThat(rejected.code()).isEqualTo("RESEND_UNAVAILABLE");
    assertThat(rejected.terminal()).isTrue();
    assertThat(bizgo.requestsFor(id)).isEmpty();
  }

  /**
   * Sent once (attempt 1 accepted) and ended: left DISPATCHED, as the notifier keeps a notification
   * whose last attempt failed on a delivery report, or set DEAD_LETTER, as a refusal leaves it.
   */
  private String deadLettered(String phone, boolean refused) throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", phone);
    String id = idOf(event);
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
    awaitDispatched(id, 1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(id, NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);
    if (refused) {
      mongo
          .updateFirst(
              Query.query(Criteria.where("_id").is(id)),
              Update.update("state", DispatchState.DEAD_LETTER).set("endedAt", Instant.now()),
              NotificationDocument.class)
          .block();
    }
    return id;
  }

  private static ResendRequested command(String id, int afterAttempt) {
    String[] parts = id.split(":");
    return new ResendRequested(
        UUID.randomUUID().toString(),
        id,
        parts[0],
        parts[1],
        parts[2],
        afterAttempt,
        "op-test",
        Instant.now());
  }

  private void send(ResendRequested command) throws Exception {
    kafka.send(Topics.NOTIFICATION_COMMANDS, command.shipmentKey(), command).get();
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

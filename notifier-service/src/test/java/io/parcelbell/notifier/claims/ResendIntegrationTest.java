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

    ResendRequested command = command(id);
    send(command);
    NotificationDispatched again = awaitDispatched(id, 2);
    assertThat(again.idempotencyKey()).isNotEqualTo(awaitDispatched(id, 1).idempotencyKey());
    assertThat(bizgo.sendsWithKey(again.idempotencyKey())).isEqualTo(1);
    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.generation()).isEqualTo(2);
    assertThat(stored.firstAttempt()).isEqualTo(2);

    // The same command again (a second click, a redelivery), then a barrier behind it on the
    // one-partition topic: once the barrier is sent, the repeat has been handled, and did nothing.
    send(command);
    send(command(other));
    awaitDispatched(other, 2);
    assertThat(bizgo.requestsFor(id)).hasSize(2);
    assertThat(lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
        .hasSize(2);
    assertThat(lifecycle.eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id)))
        .isEmpty();
  }

  @Test
  void aResendOfANotificationTheNotifierNoLongerHoldsSaysWhy() throws Exception {
    String id = "cj:FORGOTTEN-" + UUID.randomUUID() + ":DELIVERED";

    send(command(id));

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

  private static ResendRequested command(String id) {
    String[] parts = id.split(":");
    return new ResendRequested(
        "resend:" + id + ":1", id, parts[0], parts[1], parts[2], "op-test", Instant.now());
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

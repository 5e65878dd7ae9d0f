package io.parcelbell.notifier.claims;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.NotificationBusyException;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rebalance hands a record to a second consumer while the first still works on it (both hold the
 * same shipment event, the notification CLAIMED). Before, both ran it: the second re-sent with the
 * same key (Bizgo answered A301) and published a second NotificationDispatched. Now the first run
 * holds a lease: the second fails with NotificationBusyException (its record is redelivered after
 * the back-off), and on that redelivery finds the notification finished. One request, one send, one
 * NotificationDispatched.
 */
@IntegrationTest
class TwoRunnersIntegrationTest {

  @Autowired NotifyShipmentStatus notifyShipmentStatus;
  @Autowired LifecycleRecorder lifecycle;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void twoRunnersOnOneClaimedNotificationSendItAndPublishItOnce() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01061234567");
    String id = idOf(event);
    // Below the tests' 2 s response timeout: the first runner gets its answer, no retry of its own.
    bizgo.answerSlowly(id, Duration.ofMillis(1500));

    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> notifyShipmentStatus.handle(event).block());
    // The first runner's request is at Bizgo, its answer not back yet: the second consumer comes.
    await().atMost(Duration.ofSeconds(20)).until(() -> !bizgo.requestsFor(id).isEmpty());
    assertThatThrownBy(() -> notifyShipmentStatus.handle(event).block())
        .isInstanceOf(NotificationBusyException.class);

    first.get(30, TimeUnit.SECONDS);
    notifyShipmentStatus
        .handle(event)
        .block(); // the second consumer's redelivery: already finished

    assertThat(bizgo.requestsFor(id)).hasSize(1);
    assertThat(bizgo.sendsWithKey(id + ":1")).isOne();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !lifecycle
                    .eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id))
                    .isEmpty());
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                lifecycle
                        .eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id))
                        .size()
                    == 1);
  }
}

package io.parcelbell.notifier.claims;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static io.parcelbell.notifier.support.ShipmentEvents.sameShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.PhoneMasking;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.MutableClock;
import io.parcelbell.notifier.support.TestInfrastructure;
import io.parcelbell.notifier.templates.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A notification claimed earlier and never finished (its record went to the DLT, e.g. after an
 * A401) whose status is then dropped by the regression guard must not stay CLAIMED forever.
 */
@IntegrationTest
class RegressionGuardIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TemplateCatalog templates;
  @Autowired MutableClock clock;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void aStaleClaimNeverAcceptedIsSupersededWhenANewerStatusIsClaimed() throws Exception {
    ShipmentStatusChanged inTransit = event("IN_TRANSIT", "01086420001");
    ShipmentStatusChanged delivered = sameShipment(inTransit, "DELIVERED");
    String stale = idOf(inTransit);
    Instant then = clock.instant().minusSeconds(600);
    insertClaimed(inTransit, List.of(Attempt.requested(stale, 1, Channel.ALIMTALK, then)), then);

    publish(delivered);

    NotificationSuperseded superseded =
        awaitOne(NotificationSuperseded.class, s -> s.notificationId().equals(stale));
    assertThat(superseded.supersededBy()).isEqualTo(idOf(delivered));
    assertThat(superseded.eventId()).isEqualTo(EventIds.of(stale, "superseded"));
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(delivered)));
    NotificationDocument stored = mongo.findById(stale, NotificationDocument.class).block();
    assertThat(stored.state()).isEqualTo(DispatchState.SUPERSEDED);
    assertThat(stored.reason()).isEqualTo("SUPERSEDED_BY " + idOf(delivered));

    publish(inTransit); // the dead-lettered record, replayed later: nothing more happens
    // The embedded topic has one partition: the barrier is handled after the replay.
    ShipmentStatusChanged barrier = event("DELIVERED", "01086420009");
    publish(barrier);
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(barrier)));
    assertThat(bizgo.requestsFor(stale)).isEmpty();
    assertThat(
            lifecycle.eventsOf(NotificationSuperseded.class, s -> s.notificationId().equals(stale)))
        .hasSize(1);
  }

  @Test
  void aStaleClaimNeverAcceptedIsSupersededWhenItsReplayIsBehind() throws Exception {
    ShipmentStatusChanged inTransit = event("IN_TRANSIT", "01086420003");
    ShipmentStatusChanged delivered = sameShipment(inTransit, "DELIVERED");
    String stale = idOf(inTransit);
    publish(delivered);
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(delivered)));
    // Left CLAIMED by a run that did not finish (as if its record had gone to the DLT).
    Instant then = clock.instant().minusSeconds(600);
    insertClaimed(inTransit, List.of(Attempt.requested(stale, 1, Channel.ALIMTALK, then)), then);

    publish(inTransit); // the dead-lettered record, replayed

    NotificationSuperseded superseded =
        awaitOne(NotificationSuperseded.class, s -> s.notificationId().equals(stale));
    assertThat(superseded.supersededBy()).isEqualTo(idOf(delivered));
    NotificationDocument stored = mongo.findById(stale, NotificationDocument.class).block();
    assertThat(stored.state()).isEqualTo(DispatchState.SUPERSEDED);
    assertThat(bizgo.requestsFor(stale)).isEmpty();
    assertThat(
            lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(stale)))
        .isEmpty();
  }

  @Test
  void aStaleClaimBizgoAcceptedIsFinishedAsDispatchedWithoutResending() throws Exception {
    ShipmentStatusChanged pickedUp = event("PICKED_UP", "01086420002");
    ShipmentStatusChanged outForDelivery = sameShipment(pickedUp, "OUT_FOR_DELIVERY");
    String stale = idOf(pickedUp);
    Instant then = clock.instant().minusSeconds(600);
    insertClaimed(
        pickedUp,
        List.of(Attempt.requested(stale, 1, Channel.ALIMTALK, then).accepted("mk-stale", then)),
        then);

    publish(outForDelivery);
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(outForDelivery)));
    publish(pickedUp);

    NotificationDispatched dispatched =
        awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(stale));
    assertThat(dispatched.msgKey()).isEqualTo("mk-stale");
    assertThat(bizgo.requestsFor(stale)).isEmpty();
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(stale, NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);
    assertThat(
            lifecycle.eventsOf(NotificationSuperseded.class, s -> s.notificationId().equals(stale)))
        .isEmpty();
  }

  private void insertClaimed(ShipmentStatusChanged event, List<Attempt> attempts, Instant then) {
    mongo
        .insert(
            new NotificationDocument(
                idOf(event),
                event.courierCode(),
                event.trackingNumber(),
                event.status(),
                event.metadata().orderId(),
                event.metadata().customerPhone(),
                PhoneMasking.mask(event.metadata().customerPhone()),
                DispatchState.CLAIMED,
                null,
                templates.render(event).get(),
                attempts,
                null,
                null,
                then,
                then,
                then.plus(Duration.ofHours(24)),
                1,
                1))
        .block();
  }

  private void publish(ShipmentStatusChanged event) throws Exception {
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
  }

  private <T extends ParcelbellEvent> T awaitOne(Class<T> type, Predicate<T> filter) {
    return await()
        .atMost(WAIT)
        .until(
            () -> lifecycle.eventsOf(type, filter).stream().findFirst().orElse(null),
            e -> e != null);
  }
}

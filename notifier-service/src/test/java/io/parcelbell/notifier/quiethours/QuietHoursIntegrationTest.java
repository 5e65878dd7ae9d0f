package io.parcelbell.notifier.quiethours;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static io.parcelbell.notifier.support.ShipmentEvents.sameShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.MutableClock;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

@IntegrationTest
class QuietHoursIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Instant TEN_PM_IN_SEOUL = Instant.parse("2026-04-24T13:00:00Z");
  static final Instant EIGHT_AM_IN_SEOUL = Instant.parse("2026-04-24T23:00:00Z");

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MutableClock clock;
  @Autowired io.parcelbell.notifier.templates.TemplateCatalog templates;
  @Autowired ReleaseHeldNotifications release;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @AfterEach
  void backToNoon() {
    clock.reset();
  }

  @Test
  void heldAtNightOnlyTheNewestStatusIsSentInTheMorning() throws Exception {
    clock.set(TEN_PM_IN_SEOUL);
    ShipmentStatusChanged inTransit = event("IN_TRANSIT", "01033334444");
    ShipmentStatusChanged outForDelivery = sameShipment(inTransit, "OUT_FOR_DELIVERY");

    publish(inTransit);
    NotificationHeld held =
        awaitOne(NotificationHeld.class, h -> h.notificationId().equals(idOf(inTransit)));
    assertThat(held.releaseAt()).isEqualTo(EIGHT_AM_IN_SEOUL);
    assertThat(held.maskedRecipient()).isEqualTo("010-****-4444");

    publish(outForDelivery);
    awaitOne(NotificationHeld.class, h -> h.notificationId().equals(idOf(outForDelivery)));
    NotificationSuperseded superseded =
        awaitOne(NotificationSuperseded.class, s -> s.notificationId().equals(idOf(inTransit)));
    assertThat(superseded.supersededBy()).isEqualTo(idOf(outForDelivery));
    assertThat(bizgo.requestsFor(idOf(inTransit))).isEmpty();
    assertThat(bizgo.requestsFor(idOf(outForDelivery))).isEmpty();

    clock.set(EIGHT_AM_IN_SEOUL);

    NotificationDispatched dispatched =
        awaitOne(
            NotificationDispatched.class, d -> d.notificationId().equals(idOf(outForDelivery)));
    assertThat(dispatched.attempt()).isEqualTo(1);
    assertThat(bizgo.requestsFor(idOf(outForDelivery))).hasSize(1);
    assertThat(bizgo.requestsFor(idOf(inTransit))).isEmpty();
    assertThat(mongo.findById(idOf(inTransit), NotificationDocument.class).block().state())
        .isEqualTo(DispatchState.SUPERSEDED);
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(idOf(outForDelivery), NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);
  }

  @Test
  void anExemptStatusIsSentAtNightAndSupersedesWhatWasHeld() throws Exception {
    clock.set(TEN_PM_IN_SEOUL);
    ShipmentStatusChanged outForDelivery = event("OUT_FOR_DELIVERY", "01055557777");
    ShipmentStatusChanged delivered = sameShipment(outForDelivery, "DELIVERED");

    publish(outForDelivery);
    awaitOne(NotificationHeld.class, h -> h.notificationId().equals(idOf(outForDelivery)));
    publish(delivered);

    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(delivered)));
    awaitOne(NotificationSuperseded.class, s -> s.notificationId().equals(idOf(outForDelivery)));
    assertThat(bizgo.requestsFor(idOf(delivered))).hasSize(1);
    assertThat(bizgo.requestsFor(idOf(outForDelivery))).isEmpty();
  }

  @Test
  void aRedeliveredHeldEventIsNotSentAndStaysHeld() throws Exception {
    clock.set(TEN_PM_IN_SEOUL);
    ShipmentStatusChanged pickedUp = event("PICKED_UP", "01066668888");
    ShipmentStatusChanged barrier = sameShipment(pickedUp, "DELIVERED");

    publish(pickedUp);
    publish(pickedUp);
    // DELIVERED is exempt: sent at once, after both copies were handled (same partition).
    publish(barrier);

    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(barrier)));
    assertThat(
            lifecycle.eventsOf(
                NotificationHeld.class, h -> h.notificationId().equals(idOf(pickedUp))))
        .hasSize(2)
        .extracting(NotificationHeld::eventId)
        .as("the same event, published again")
        .containsOnly(EventIds.of(idOf(pickedUp), "held"));
    assertThat(bizgo.requestsFor(idOf(pickedUp))).isEmpty();
  }

  @Test
  void aHeldNotificationIsDroppedWhenANewerStatusWasAlreadySent() throws Exception {
    clock.set(TEN_PM_IN_SEOUL);
    ShipmentStatusChanged inTransit = event("IN_TRANSIT", "01075310001");
    ShipmentStatusChanged delivered = sameShipment(inTransit, "DELIVERED");
    publish(inTransit);
    awaitOne(NotificationHeld.class, h -> h.notificationId().equals(idOf(inTransit)));
    // A release on another replica holds the lease, so the DELIVERED claim cannot supersede it.
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(idOf(inTransit))),
            Update.update("leaseUntil", TEN_PM_IN_SEOUL.plus(Duration.ofHours(1))),
            NotificationDocument.class)
        .block();

    publish(delivered); // exempt: sent at night
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(delivered)));
    assertThat(mongo.findById(idOf(inTransit), NotificationDocument.class).block().state())
        .isEqualTo(DispatchState.HELD);

    clock.set(EIGHT_AM_IN_SEOUL); // that lease is long over: this release takes it

    NotificationSuperseded superseded =
        awaitOne(NotificationSuperseded.class, s -> s.notificationId().equals(idOf(inTransit)));
    assertThat(superseded.supersededBy()).isEqualTo(idOf(delivered));
    assertThat(mongo.findById(idOf(inTransit), NotificationDocument.class).block().state())
        .isEqualTo(DispatchState.SUPERSEDED);
    assertThat(bizgo.requestsFor(idOf(inTransit))).isEmpty();
    assertThat(
            lifecycle.eventsOf(
                NotificationDispatched.class, d -> d.notificationId().equals(idOf(inTransit))))
        .isEmpty();
  }

  @Test
  void aHoldStoredBeforeARestartIsReleasedByThisInstance() {
    // Written by an instance that stopped at 07:59: the hold lives in MongoDB, not in memory.
    ShipmentStatusChanged pickedUp = event("PICKED_UP", "01075310002");
    String id = idOf(pickedUp);
    Instant heldAt = TEN_PM_IN_SEOUL;
    NotificationDocument held =
        NotificationDocument.claimed(
                pickedUp,
                "01075310002",
                templates.render(pickedUp).get(),
                heldAt,
                heldAt.plus(Duration.ofHours(24)))
            .heldUntil(EIGHT_AM_IN_SEOUL);
    clock.set(EIGHT_AM_IN_SEOUL.minusSeconds(60));
    mongo.insert(held).block();

    await()
        .during(Duration.ofSeconds(1)) // several release rounds at 07:59
        .atMost(Duration.ofSeconds(5))
        .until(() -> bizgo.requestsFor(id).isEmpty());
    clock.set(EIGHT_AM_IN_SEOUL);

    NotificationDispatched dispatched =
        awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(id));
    assertThat(dispatched.attempt()).isEqualTo(1);
    assertThat(bizgo.requestsFor(id)).hasSize(1);
  }

  @Test
  void holdsReleasedBySeveralReplicasAtOnceAreEachSentExactlyOnce() throws Exception {
    // Stored holds, due at 08:00; at noon (the clock's rest) none is due yet.
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      ShipmentStatusChanged pickedUp = event("PICKED_UP", "0107532000" + i);
      NotificationDocument held =
          NotificationDocument.claimed(
                  pickedUp,
                  "0107532000" + i,
                  templates.render(pickedUp).get(),
                  TEN_PM_IN_SEOUL,
                  TEN_PM_IN_SEOUL.plus(Duration.ofHours(24)))
              .heldUntil(EIGHT_AM_IN_SEOUL);
      mongo.insert(held).block();
      ids.add(idOf(pickedUp));
    }

    // Four replicas' release jobs, each running several rounds, all starting at 08:00 together
    // (the scheduled job of this instance joins in as a fifth).
    int replicas = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    try {
      List<Future<?>> rounds = new ArrayList<>();
      for (int r = 0; r < replicas; r++) {
        rounds.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 3; round++) {
                    release.releaseDue();
                  }
                  return null;
                }));
      }
      clock.set(EIGHT_AM_IN_SEOUL);
      start.countDown();
      for (Future<?> round : rounds) {
        round.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (String id : ids) {
      awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(id));
    }
    // Long enough for a second dispatch by a late replica to reach the topic, were there one.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            lifecycle
                                    .eventsOf(
                                        NotificationDispatched.class,
                                        d -> d.notificationId().equals(id))
                                    .size()
                                == 1));
    for (String id : ids) {
      assertThat(bizgo.requestsFor(id))
          .as("one send request for %s, accepted", id)
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.answer()).isEqualTo("A000");
                assertThat(bizgo.sendsWithKey(request.idempotencyKey())).isEqualTo(1);
              });
      assertThat(
              lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
          .singleElement()
          .satisfies(d -> assertThat(d.attempt()).isEqualTo(1));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(ids)
                    .allSatisfy(
                        id ->
                            assertThat(
                                    mongo.findById(id, NotificationDocument.class).block().state())
                                .isEqualTo(DispatchState.DISPATCHED)));
  }

  /**
   * A release is sending the held IN_TRANSIT right now (it holds the run) when DELIVERED arrives:
   * DELIVERED waits until that send is over, so the customer never gets the two reversed (the
   * release read the shipment before DELIVERED was claimed, so it cannot know of it).
   */
  @Test
  void aNewerStatusWaitsWhileAReleaseIsSendingTheHeldOne() throws Exception {
    clock.set(TEN_PM_IN_SEOUL);
    ShipmentStatusChanged inTransit = event("IN_TRANSIT", "01075310002");
    ShipmentStatusChanged delivered = sameShipment(inTransit, "DELIVERED");
    publish(inTransit);
    awaitOne(NotificationHeld.class, h -> h.notificationId().equals(idOf(inTransit)));
    Query heldOne = Query.query(Criteria.where("_id").is(idOf(inTransit)));
    mongo
        .updateFirst(
            heldOne,
            new Update()
                .set("leaseUntil", TEN_PM_IN_SEOUL.plus(Duration.ofMinutes(5)))
                .set("runner", "a-release-on-another-replica")
                .set("runLeaseUntil", TEN_PM_IN_SEOUL.plus(Duration.ofMinutes(2))),
            NotificationDocument.class)
        .block();

    publish(delivered); // exempt: sent at night, but not before IN_TRANSIT's send is over
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> bizgo.requestsFor(idOf(delivered)).isEmpty());

    // The release's send is done: IN_TRANSIT went out and its run ended.
    mongo
        .updateFirst(
            heldOne,
            new Update()
                .set("state", DispatchState.DISPATCHED)
                .unset("runner")
                .unset("runLeaseUntil"),
            NotificationDocument.class)
        .block();
    awaitOne(NotificationDispatched.class, d -> d.notificationId().equals(idOf(delivered)));
    assertThat(bizgo.requestsFor(idOf(delivered))).hasSize(1);
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

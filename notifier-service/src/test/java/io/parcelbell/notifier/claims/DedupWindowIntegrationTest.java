package io.parcelbell.notifier.claims;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static io.parcelbell.notifier.support.ShipmentEvents.sameShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** One notification per (courier, tracking number, status) per dedup window (24 h by default). */
@IntegrationTest
class DedupWindowIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration WINDOW = Duration.ofHours(24);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MutableClock clock;
  @Autowired NotificationClaims claims;
  @Autowired TemplateCatalog templates;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @AfterEach
  void backToNoon() {
    clock.reset();
  }

  @Test
  void theSameStatusAgainInsideTheWindowIsDropped() throws Exception {
    ShipmentStatusChanged first = event("DELIVERED", "01012340001");
    String id = idOf(first);
    publish(first);
    awaitDispatched(id, 1);

    clock.set(MutableClock.NOON_IN_SEOUL.plus(WINDOW).minusSeconds(60));
    publish(sameShipment(first, "DELIVERED")); // a new event id, the same notification
    ShipmentStatusChanged barrier = event("DELIVERED", "01012340002");
    publish(barrier);
    awaitDispatched(idOf(barrier), 1);

    assertThat(bizgo.requestsFor(id)).hasSize(1);
    assertThat(lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
        .hasSize(1);
  }

  @Test
  void theSameStatusAfterTheWindowIsANewNotificationWithNewKeys() throws Exception {
    ShipmentStatusChanged first = event("DELIVERED", "01012340003");
    String id = idOf(first);
    publish(first);
    NotificationDispatched earlier = awaitDispatched(id, 1);

    Instant nextDay = MutableClock.NOON_IN_SEOUL.plus(WINDOW).plusSeconds(60);
    clock.set(nextDay);
    publish(sameShipment(first, "DELIVERED"));

    NotificationDispatched later = awaitDispatched(id, 2);
    assertThat(later.idempotencyKey()).isEqualTo(id + ":2");
    assertThat(later.eventId()).isNotEqualTo(earlier.eventId());
    assertThat(later.channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(later.msgKey()).isNotEqualTo(earlier.msgKey());
    assertThat(bizgo.requestsFor(id))
        .extracting(FakeBizgo.Request::idempotencyKey)
        .containsExactly(id + ":1", id + ":2");
    assertThat(bizgo.sendsWithKey(id + ":1")).isOne();
    assertThat(bizgo.sendsWithKey(id + ":2")).isOne();
    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.generation()).isEqualTo(2);
    assertThat(stored.firstAttempt()).isEqualTo(2);
    assertThat(stored.createdAt()).isEqualTo(nextDay);
    assertThat(stored.expiresAt()).isEqualTo(nextDay.plus(WINDOW));
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(id, NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);

    // ... and inside the new window it is a duplicate again.
    publish(sameShipment(first, "DELIVERED"));
    ShipmentStatusChanged barrier = event("DELIVERED", "01012340004");
    publish(barrier);
    awaitDispatched(idOf(barrier), 1);
    assertThat(bizgo.requestsFor(id)).hasSize(2);
  }

  @Test
  void concurrentReclaimsOfAnExpiredNotificationHaveOneWinner() {
    ShipmentStatusChanged event = event("DELIVERED", "01012340005");
    String id = idOf(event);
    Instant then = MutableClock.NOON_IN_SEOUL.minus(WINDOW).minusSeconds(60);
    var content = templates.render(event).get();
    mongo
        .insert(
            new NotificationDocument(
                id,
                "cj",
                event.trackingNumber(),
                "DELIVERED",
                event.metadata().orderId(),
                "01012340005",
                "010-****-0005",
                DispatchState.DISPATCHED,
                null,
                content,
                List.of(Attempt.requested(id, 1, Channel.ALIMTALK, then).accepted("mk-old", then)),
                null,
                null,
                then,
                then,
                then.plus(WINDOW),
                1,
                1))
        .block();
    Instant now = clock.instant();
    NotificationDocument fresh =
        NotificationDocument.claimed(event, "01012340005", content, now, now.plus(WINDOW));

    List<NotificationClaims.Claim> results =
        Flux.range(0, 8)
            .flatMap(
                i ->
                    claims
                        .claim(fresh, "test-run", Duration.ofMinutes(2))
                        .subscribeOn(Schedulers.parallel()))
            .collectList()
            .block(WAIT);

    assertThat(results).hasSize(8);
    assertThat(results).filteredOn(NotificationClaims.Claim::fresh).hasSize(1);
    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.generation()).isEqualTo(2);
    assertThat(stored.state()).isEqualTo(DispatchState.CLAIMED);
    assertThat(stored.firstAttempt()).isEqualTo(2);
    assertThat(stored.lastAttempt()).isNull();
    assertThat(stored.attempts()).hasSize(1); // the first generation's attempt is kept
  }

  @Test
  void aNotificationStillInItsWindowIsNotReclaimedEvenIfFinished() {
    ShipmentStatusChanged event = event("DELIVERED", "01012340006");
    String id = idOf(event);
    Instant now = clock.instant();
    var content = templates.render(event).get();
    NotificationDocument fresh =
        NotificationDocument.claimed(event, "01012340006", content, now, now.plus(WINDOW));
    assertThat(claims.claim(fresh, "test-run", Duration.ofMinutes(2)).block(WAIT).fresh()).isTrue();
    mongo
        .updateFirst(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
            org.springframework.data.mongodb.core.query.Update.update(
                "state", DispatchState.DEAD_LETTER),
            NotificationDocument.class)
        .block();

    clock.set(now.plus(WINDOW)); // expiresAt == now: the window includes its last instant
    NotificationClaims.Claim again =
        claims.claim(fresh, "test-run", Duration.ofMinutes(2)).block(WAIT);

    assertThat(again.fresh()).isFalse();
    assertThat(again.document().generation()).isEqualTo(1);
    assertThat(again.document().state()).isEqualTo(DispatchState.DEAD_LETTER);
  }

  private void publish(ShipmentStatusChanged event) throws Exception {
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
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

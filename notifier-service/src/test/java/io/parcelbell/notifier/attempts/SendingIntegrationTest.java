package io.parcelbell.notifier.attempts;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.MongoCommandCounter;
import io.parcelbell.notifier.support.TestInfrastructure;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** Sending through Bizgo end to end: transient failures and channel choice. */
@IntegrationTest
class SendingIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MongoCommandCounter mongoCommands;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void bizgoAnswering500TwiceThenA000SendsOnceWithOneIdempotencyKey() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01031415926");
    String id = idOf(event);
    bizgo.failNext(id, 2, 500);

    publish(event);

    awaitDispatched(id);
    // A later event on the same partition: once it is dispatched, nothing more can come for `id`.
    ShipmentStatusChanged barrier = event("DELIVERED", "01031415927");
    publish(barrier);
    awaitDispatched(idOf(barrier));

    assertThat(bizgo.requestsFor(id))
        .extracting(FakeBizgo.Request::answer)
        .containsExactly("HTTP_500", "HTTP_500", "A000");
    assertThat(bizgo.requestsFor(id))
        .extracting(FakeBizgo.Request::idempotencyKey)
        .containsOnly(id + ":1");
    assertThat(bizgo.sendsWithKey(id + ":1")).isOne();
    assertThat(lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempt()).isEqualTo(1);
              assertThat(d.idempotencyKey()).isEqualTo(id + ":1");
            });
    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.state()).isEqualTo(DispatchState.DISPATCHED);
    assertThat(stored.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(Attempt.Status.ACCEPTED));
  }

  /**
   * The budget: an Alimtalk accepted at the first try costs at most four MongoDB round
   * trips (it cost eight before: two reads of the shipment, a read of held siblings, the claim, the
   * run's lease, the attempt, the answer, the finish).
   */
  @Test
  void anAlimtalkAcceptedAtTheFirstTryCostsAtMostFourMongoRoundTrips() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01031415928");
    String id = idOf(event);

    publish(event);
    awaitDispatched(id);
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(id, NotificationDocument.class).block().state()
                    == DispatchState.DISPATCHED);

    // The tracking number is in every command about this notification (its id starts with it,
    // and the shipment read lists the ids of its statuses); no other test uses it. The service
    // never reads one notification by id on this path: such reads are this test's polling.
    String testsOwnRead = "find {\"find\": \"notifications\", \"filter\": {\"_id\": \"";
    assertThat(mongoCommands.mentioning(event.trackingNumber()))
        .filteredOn(command -> !command.startsWith(testsOwnRead))
        .as("MongoDB commands for one Alimtalk accepted at once")
        .hasSizeBetween(3, 4);
  }

  /**
   * The run's writes name the collection rather than the record (NotificationStore): what they
   * store must still be what Spring Data stores for the record — dates, enum names, an attempt
   * without a type hint — or the report side and the retention's TTL index would read it wrong.
   */
  @Test
  void anAnsweredAndFinishedNotificationIsStoredAsTheRecordWouldBe() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "01031415929");
    String id = idOf(event);
    bizgo.failNext(id, 1, 500);

    publish(event);
    awaitDispatched(id);

    Document raw =
        await()
            .atMost(WAIT)
            .until(
                () -> mongo.findById(id, Document.class, NotificationDocument.COLLECTION).block(),
                doc -> "DISPATCHED".equals(doc.get("state")));
    assertThat(raw.get("updatedAt")).isInstanceOf(Date.class);
    assertThat(raw.get("endedAt")).isInstanceOf(Date.class);
    assertThat(raw).doesNotContainKeys("runner", "runLeaseUntil");
    assertThat(raw.getList("attempts", Document.class))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt).doesNotContainKey("_class");
              assertThat(attempt.get("status")).isEqualTo("ACCEPTED");
              assertThat(attempt.get("channel")).isEqualTo("ALIMTALK");
              assertThat(attempt.get("number")).isEqualTo(1);
              assertThat(attempt.get("requestedAt")).isInstanceOf(Date.class);
              assertThat(attempt.get("answeredAt")).isInstanceOf(Date.class);
              assertThat(attempt.getString("msgKey")).isNotBlank();
            });
    NotificationDocument read = mongo.findById(id, NotificationDocument.class).block();
    assertThat(read.attempts().get(0).status()).isEqualTo(Attempt.Status.ACCEPTED);
  }

  @Test
  void anAlimtalkTextOverTheLimitAfterFillingGoesStraightToLms() throws Exception {
    ShipmentStatusChanged base = event("DELIVERED", "01027182818");
    String longName = "제주 감귤 선물 세트 ".repeat(80); // ~960 characters
    ShipmentStatusChanged event =
        new ShipmentStatusChanged(
            base.eventId(),
            base.courierCode(),
            base.trackingNumber(),
            base.status(),
            true,
            base.clientId(),
            base.deliveryStatusText(),
            base.lastLocation(),
            new ShipmentMetadata(
                base.metadata().orderId(), "01027182818", "김민지", longName, "CJ대한통운"),
            base.occurredAt());
    String id = idOf(event);

    publish(event);

    NotificationDispatched dispatched = awaitDispatched(id);
    assertThat(bizgo.requestsFor(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.body().at("/messageFlow/0").propertyNames()).containsExactly("mms");
              assertThat(r.body().at("/messageFlow/0/mms/title").asString()).isEqualTo("배송 완료 안내");
              assertThat(r.body().at("/messageFlow/0/mms/text").asString())
                  .startsWith("제주 감귤 선물 세트");
              assertThat(r.idempotencyKey()).isEqualTo(id + ":1");
            });
    assertThat(dispatched.channel()).isEqualTo(Channel.LMS);
    assertThat(dispatched.attempt()).isEqualTo(1);
    assertThat(dispatched.finalChannel()).isTrue();
  }

  private void publish(ShipmentStatusChanged event) throws Exception {
    kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
  }

  private NotificationDispatched awaitDispatched(String id) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                lifecycle
                    .eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id))
                    .stream()
                    .findFirst()
                    .orElse(null),
            d -> d != null);
  }
}

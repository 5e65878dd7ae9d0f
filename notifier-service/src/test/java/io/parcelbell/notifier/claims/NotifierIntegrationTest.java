package io.parcelbell.notifier.claims;

import static io.parcelbell.notifier.support.ShipmentEvents.event;
import static io.parcelbell.notifier.support.ShipmentEvents.idOf;
import static io.parcelbell.notifier.support.ShipmentEvents.sameShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.ShipmentKey;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.support.FakeBizgo;
import io.parcelbell.notifier.support.IntegrationTest;
import io.parcelbell.notifier.support.LifecycleRecorder;
import io.parcelbell.notifier.support.TestInfrastructure;
import io.parcelbell.notifier.templates.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

@IntegrationTest
class NotifierIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired LifecycleRecorder lifecycle;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TemplateCatalog templates;
  @Autowired EmbeddedKafkaBroker broker;

  final FakeBizgo bizgo = TestInfrastructure.bizgo();

  @Test
  void aDeliveredStatusSendsTheRenderedAlimtalkAndPublishesTheDispatch() throws Exception {
    ShipmentStatusChanged event = event("DELIVERED", "010-1234-5678");
    String id = idOf(event);

    publish(event);

    NotificationDispatched dispatched = awaitDispatched(id, 1);
    List<FakeBizgo.Request> requests = bizgo.requestsFor(id);
    assertThat(requests).hasSize(1);
    FakeBizgo.Request request = requests.get(0);
    assertThat(request.authorization()).isEqualTo("local-bizgo-api-key");
    assertThat(request.path()).isEqualTo("/api/comm/v1/send/omni");
    assertThat(request.body().at("/destinations/0/to").asString()).isEqualTo("01012345678");
    assertThat(request.body().at("/messageFlow/0/alimtalk/templateCode").asString())
        .isEqualTo("PB_DELIVERED_01");
    assertThat(request.body().at("/messageFlow/0/alimtalk/text").asString())
        .isEqualTo(
            "[배송 완료] 김민지님, 귤 5kg 상품이 배송 완료되었습니다.\n"
                + "배송 위치: 서울 강남\n"
                + "상품은 마음에 드셨나요? 리뷰를 남겨 주시면 큰 힘이 됩니다.");
    assertThat(
            request.body().at("/messageFlow/0/alimtalk/attachment/button/0/urlMobile").asString())
        .isEqualTo("https://my-shop.com/review/" + event.metadata().orderId());
    assertThat(request.body().get("idempotencyKey").asString()).isEqualTo(id + ":1");

    assertThat(dispatched.eventId()).isEqualTo(EventIds.of(id, "dispatched", "1"));
    assertThat(dispatched.courierCode()).isEqualTo("cj");
    assertThat(dispatched.trackingNumber()).isEqualTo(event.trackingNumber());
    assertThat(dispatched.shipmentStatus()).isEqualTo("DELIVERED");
    assertThat(dispatched.orderId()).isEqualTo(event.metadata().orderId());
    assertThat(dispatched.maskedRecipient()).isEqualTo("010-****-5678");
    assertThat(dispatched.channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(dispatched.attempt()).isEqualTo(1);
    assertThat(dispatched.msgKey()).startsWith("mk-");
    assertThat(dispatched.idempotencyKey()).isEqualTo(id + ":1");
    assertThat(dispatched.finalChannel()).isFalse();
    ConsumerRecord<String, ParcelbellEvent> record =
        lifecycle
            .recordsOf(NotificationDispatched.class, d -> d.notificationId().equals(id))
            .get(0);
    assertThat(record.key()).isEqualTo(ShipmentKey.of("cj", event.trackingNumber()));
    assertThat(new String(record.headers().lastHeader("ce_source").value()))
        .isEqualTo("/parcelbell/notifier");

    NotificationDocument stored = mongo.findById(id, NotificationDocument.class).block();
    assertThat(stored.state()).isEqualTo(DispatchState.DISPATCHED);
    assertThat(stored.recipient()).isEqualTo("01012345678");
    assertThat(stored.expiresAt()).isEqualTo(stored.createdAt().plus(Duration.ofHours(24)));
    assertThat(stored.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(Attempt.Status.ACCEPTED);
              assertThat(a.msgKey()).isEqualTo(dispatched.msgKey());
              assertThat(a.idempotencyKey()).isEqualTo(id + ":1");
            });
  }

  @Test
  void theSameEventTwiceSendsOnce() {
    ShipmentStatusChanged event = event("OUT_FOR_DELIVERY", "01055556666");
    String id = idOf(event);
    ShipmentStatusChanged later = sameShipment(event, "DELIVERED");

    publish(event);
    publish(event);
    publish(later); // same key, same partition: handled after both duplicates

    awaitDispatched(idOf(later), 1);
    assertThat(bizgo.requestsFor(id)).hasSize(1);
    assertThat(lifecycle.eventsOf(NotificationDispatched.class, d -> d.notificationId().equals(id)))
        .hasSize(1);
  }

  @Test
  void aSynchronousAlimtalkRejectionFallsBackToSmsAtOnce() {
    ShipmentStatusChanged event = event("DELIVERED", "010-2222-3060");
    String id = idOf(event);

    publish(event);

    NotificationDispatched dispatched = awaitDispatched(id, 2);
    List<FakeBizgo.Request> requests = bizgo.requestsFor(id);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).body().at("/messageFlow/0").has("alimtalk")).isTrue();
    assertThat(requests.get(0).body().get("idempotencyKey").asString()).isEqualTo(id + ":1");
    var sms = requests.get(1).body();
    assertThat(sms.at("/messageFlow/0/sms/from").asString()).isEqualTo("15880000");
    assertThat(sms.at("/messageFlow/0/sms/text").asString())
        .isEqualTo("귤 5kg 배송 완료. 리뷰: https://my-shop.com/review/" + event.metadata().orderId());
    assertThat(sms.get("idempotencyKey").asString()).isEqualTo(id + ":2");
    assertThat(sms.at("/destinations/0/to").asString()).isEqualTo("01022223060");

    NotificationRejected rejected =
        lifecycle.eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id)).get(0);
    assertThat(rejected.channel()).isEqualTo(Channel.ALIMTALK);
    assertThat(rejected.attempt()).isEqualTo(1);
    assertThat(rejected.code()).isEqualTo("A306");
    assertThat(rejected.terminal()).isFalse();
    assertThat(dispatched.channel()).isEqualTo(Channel.SMS);
    assertThat(dispatched.idempotencyKey()).isEqualTo(id + ":2");
    assertThat(dispatched.finalChannel()).isTrue();
    assertThat(dispatched.maskedRecipient()).isEqualTo("010-****-3060");
  }

  @Test
  void anInvalidPhoneIsRejectedWithoutAnySend() {
    ShipmentStatusChanged event = event("DELIVERED", "02-123-4567");
    String id = idOf(event);

    publish(event);

    await()
        .atMost(WAIT)
        .until(
            () ->
                !lifecycle
                    .eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id))
                    .isEmpty());
    NotificationRejected rejected =
        lifecycle.eventsOf(NotificationRejected.class, r -> r.notificationId().equals(id)).get(0);
    assertThat(rejected.code()).isEqualTo("INVALID_RECIPIENT");
    assertThat(rejected.terminal()).isTrue();
    assertThat(rejected.channel()).isNull();
    assertThat(rejected.attempt()).isZero();
    assertThat(rejected.maskedRecipient()).isEqualTo("02-****-4567");
    assertThat(bizgo.requestsFor(id)).isEmpty();
    await()
        .atMost(WAIT)
        .until(
            () ->
                mongo.findById(id, NotificationDocument.class).block().state()
                    == DispatchState.DEAD_LETTER);
  }

  @Test
  void aStatusBehindOneAlreadyNotifiedIsDropped() {
    ShipmentStatusChanged delivered = event("DELIVERED", "01012120000");
    ShipmentStatusChanged lateScan = sameShipment(delivered, "IN_TRANSIT");
    // The embedded topic has one partition: the barrier is handled after the late scan.
    ShipmentStatusChanged barrier = event("DELIVERED", "01012120001");

    publish(delivered);
    awaitDispatched(idOf(delivered), 1);
    publish(lateScan);
    publish(barrier);

    awaitDispatched(idOf(barrier), 1);
    assertThat(bizgo.requestsFor(idOf(lateScan))).isEmpty();
    assertThat(mongo.findById(idOf(lateScan), NotificationDocument.class).block()).isNull();
  }

  @Test
  void aStatusWithoutTemplateSendsNothing() {
    ShipmentStatusChanged event = event("REGISTERED", "01012345678");
    ShipmentStatusChanged later = sameShipment(event, "PICKED_UP");

    publish(event);
    publish(later);

    awaitDispatched(idOf(later), 1);
    assertThat(bizgo.requestsFor(idOf(event))).isEmpty();
    assertThat(mongo.findById(idOf(event), NotificationDocument.class).block()).isNull();
  }

  @Test
  void aNotificationClaimedButNotSentIsResumedWithItsIdempotencyKey() {
    ShipmentStatusChanged event = event("IN_TRANSIT", "01077778888");
    String id = idOf(event);
    // As if the service crashed after storing the attempt and before Bizgo answered.
    Instant then = Instant.now().minusSeconds(60);
    NotificationDocument crashed =
        NotificationDocument.claimed(
            event, "01077778888", templates.render(event).get(), then, then.plusSeconds(86_400));
    mongo.insert(crashed).block();
    mongo
        .updateFirst(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
            new org.springframework.data.mongodb.core.query.Update()
                .push("attempts", Attempt.requested(id, 1, Channel.ALIMTALK, then)),
            NotificationDocument.class)
        .block();

    publish(event);

    NotificationDispatched dispatched = awaitDispatched(id, 1);
    assertThat(bizgo.requestsFor(id))
        .singleElement()
        .satisfies(r -> assertThat(r.body().get("idempotencyKey").asString()).isEqualTo(id + ":1"));
    assertThat(dispatched.idempotencyKey()).isEqualTo(id + ":1");
  }

  @Test
  void anAcceptedAttemptNotYetPublishedIsPublishedWithoutResending() {
    ShipmentStatusChanged event = event("PICKED_UP", "01099990000");
    String id = idOf(event);
    Instant then = Instant.now().minusSeconds(60);
    NotificationDocument crashed =
        new NotificationDocument(
            id,
            "cj",
            event.trackingNumber(),
            "PICKED_UP",
            event.metadata().orderId(),
            "01099990000",
            "010-****-0000",
            DispatchState.CLAIMED,
            null,
            templates.render(event).get(),
            List.of(Attempt.requested(id, 1, Channel.ALIMTALK, then).accepted("mk-earlier", then)),
            null,
            null,
            then,
            then,
            then.plusSeconds(86_400),
            1,
            1);
    mongo.insert(crashed).block();

    publish(event);

    NotificationDispatched dispatched = awaitDispatched(id, 1);
    assertThat(dispatched.msgKey()).isEqualTo("mk-earlier");
    assertThat(bizgo.requestsFor(id)).isEmpty();
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicWithTheReason() {
    String key = "cj:POISON-" + UUID.randomUUID();
    Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.SHIPMENT_STATUS, key, "{}".getBytes()));
      producer.flush();
    }
    Map<String, Object> consumerProps =
        KafkaTestUtils.consumerProps("test-dlt-" + UUID.randomUUID(), "false", broker);
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS)));
      var dead =
          await()
              .atMost(WAIT)
              .until(
                  () -> {
                    for (var r : consumer.poll(Duration.ofMillis(500))) {
                      if (key.equals(r.key())) {
                        return r;
                      }
                    }
                    return null;
                  },
                  r -> r != null);
      assertThat(new String(dead.value())).isEqualTo("{}");
      assertThat(new String(dead.headers().lastHeader("kafka_dlt-original-topic").value()))
          .isEqualTo(Topics.SHIPMENT_STATUS);
      assertThat(new String(dead.headers().lastHeader("parcelbell_dlt-reason").value()))
          .isEqualTo("record on " + Topics.SHIPMENT_STATUS + " has no ce_type");
    }
  }

  private void publish(ShipmentStatusChanged event) {
    try {
      kafka.send(Topics.SHIPMENT_STATUS, event.shipmentKey(), event).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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

package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ShipmentPublisherTest {

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, ParcelbellEvent> template = mock(KafkaTemplate.class);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Scheduler sendThread = Schedulers.newSingle("kafka-send-test");
  // Generous, so only a missing ack (never a slow CI machine) hits it; see publisherTimingOut.
  private final ShipmentPublisher publisher =
      new ShipmentPublisher(
          template,
          TraceHeaders.NONE,
          sendThread,
          Duration.ofSeconds(10),
          new WebhookMetrics(registry));
  private final ShipmentPublisher publisherTimingOut =
      new ShipmentPublisher(
          template,
          TraceHeaders.NONE,
          sendThread,
          Duration.ofMillis(300),
          new WebhookMetrics(registry));

  @AfterEach
  void stopSendThread() {
    sendThread.dispose();
  }

  @SuppressWarnings("unchecked")
  private final SendResult<String, ParcelbellEvent> acked = mock(SendResult.class);

  private static ShipmentStatusChanged event(String tracking) {
    return new ShipmentStatusChanged(
        "id-" + tracking,
        "cj",
        tracking,
        "IN_TRANSIT",
        false,
        null,
        null,
        null,
        ShipmentMetadata.EMPTY,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static ProducerRecord<String, ParcelbellEvent> record(
      String topic, String key, ParcelbellEvent value) {
    return argThat(r -> topic.equals(r.topic()) && key.equals(r.key()) && value.equals(r.value()));
  }

  private static void assertPublishFailure(Throwable e, String code) {
    assertThat(e)
        .isInstanceOfSatisfying(
            PublishFailedException.class, p -> assertThat(p.code()).isEqualTo(code));
  }

  @Test
  void completesWithTheCountOnceEveryItemIsAckedAndSendsOffTheCallerThread() {
    AtomicReference<String> sendingThread = new AtomicReference<>();
    when(template.send(any(ProducerRecord.class)))
        .thenAnswer(
            invocation -> {
              sendingThread.set(Thread.currentThread().getName());
              return CompletableFuture.completedFuture(acked);
            });
    var first = event("1");
    var second = event("2");

    StepVerifier.create(publisher.publish(List.of(first, second))).expectNext(2).verifyComplete();

    var order = inOrder(template);
    order.verify(template).send(record(Topics.SHIPMENT_STATUS, "cj:1", first));
    order.verify(template).send(record(Topics.SHIPMENT_STATUS, "cj:2", second));
    assertThat(sendingThread.get()).startsWith("kafka-send-test");
    assertThat(registry.counter(WebhookMetrics.PUBLISHED).count()).isEqualTo(2.0);
    assertThat(registry.timer(WebhookMetrics.PUBLISH_LATENCY, "outcome", "acked").count())
        .isEqualTo(1);
  }

  @Test
  void answersPublishTimeoutWhenAnAckDoesNotArriveInTime() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.completedFuture(acked))
        .thenReturn(new CompletableFuture<>());

    StepVerifier.create(publisherTimingOut.publish(List.of(event("1"), event("2"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_TIMEOUT))
        .verify(Duration.ofSeconds(15));
    assertThat(registry.counter(WebhookMetrics.PUBLISHED).count()).isZero();
    assertThat(registry.timer(WebhookMetrics.PUBLISH_LATENCY, "outcome", "failed").count())
        .isEqualTo(1);
  }

  @Test
  void treatsTheProducersOwnTimeoutAsAPublishTimeout() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(
            CompletableFuture.failedFuture(
                new KafkaException(
                    "send failed",
                    new org.apache.kafka.common.errors.TimeoutException("no metadata"))));

    StepVerifier.create(publisher.publish(List.of(event("1"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_TIMEOUT))
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void answersPublishFailedWhenKafkaRefuses() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new KafkaException("record too large")));

    StepVerifier.create(publisher.publish(List.of(event("1"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_FAILED))
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void answersPublishFailedAsSoonAsOneItemFailsWithoutWaitingForTheOthers() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new KafkaException("record too large")))
        .thenReturn(new CompletableFuture<>());

    // The publisher's deadline is 10 s: only failing on the first item's error answers within 5 s.
    StepVerifier.create(publisher.publish(List.of(event("1"), event("2"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_FAILED))
        .verify(Duration.ofSeconds(5));
    assertThat(registry.counter(WebhookMetrics.PUBLISHED).count()).isZero();
  }

  @Test
  void answersPublishFailedWhenALaterItemFailsWhileAnEarlierOneIsStillPending() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(new CompletableFuture<>())
        .thenReturn(CompletableFuture.failedFuture(new KafkaException("record too large")));

    StepVerifier.create(publisher.publish(List.of(event("1"), event("2"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_FAILED))
        .verify(Duration.ofSeconds(5));
    assertThat(registry.timer(WebhookMetrics.PUBLISH_LATENCY, "outcome", "failed").count())
        .isEqualTo(1);
  }

  @Test
  void answersPublishFailedWhenSendThrows() {
    when(template.send(any(ProducerRecord.class))).thenThrow(new KafkaException("producer closed"));

    StepVerifier.create(publisher.publish(List.of(event("1"))))
        .expectErrorSatisfies(e -> assertPublishFailure(e, PublishFailedException.PUBLISH_FAILED))
        .verify(Duration.ofSeconds(15));
  }
}

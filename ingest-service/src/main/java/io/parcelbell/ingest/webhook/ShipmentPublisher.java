package io.parcelbell.ingest.webhook;

import io.micrometer.core.instrument.Timer;
import io.parcelbell.contracts.ShipmentKey;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Publishes a webhook's events and completes only when Kafka acknowledged all of them. */
final class ShipmentPublisher {

  private final KafkaTemplate<String, ParcelbellEvent> template;
  private final TraceHeaders traceHeaders;
  private final Scheduler sendThread;
  private final Duration timeout;
  private final WebhookMetrics metrics;

  /**
   * @param sendThread where {@code send()} runs: it may block (metadata, a full buffer; at most
   *     max.block.ms), so never on a Netty thread. One thread is enough, since {@code send()} only
   *     appends to the producer's buffer, and cheaper than a pool: under load it drains its queue
   *     without being woken for every webhook.
   */
  ShipmentPublisher(
      KafkaTemplate<String, ParcelbellEvent> template,
      TraceHeaders traceHeaders,
      Scheduler sendThread,
      Duration timeout,
      WebhookMetrics metrics) {
    this.template = template;
    this.traceHeaders = traceHeaders;
    this.sendThread = sendThread;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  /** Emits the number of acknowledged events, or a {@link PublishFailedException}. */
  Mono<Integer> publish(List<ShipmentStatusChanged> events) {
    return Mono.defer(
        () -> {
          Timer.Sample sample = metrics.startPublish();
          return Mono.just(events)
              .publishOn(sendThread)
              // handle, not map: with context-propagation "limited" only handle and tap make the
              // request's trace the current one, which TraceHeaders writes into each record.
              .<List<CompletableFuture<SendResult<String, ParcelbellEvent>>>>handle(
                  (batch, sink) -> sink.next(sendAll(batch)))
              .flatMap(ShipmentPublisher::allAcknowledged)
              .timeout(timeout)
              .thenReturn(events.size())
              .doOnSuccess(
                  n -> {
                    metrics.publishAcked(sample);
                    metrics.published(n);
                  })
              .doOnError(e -> metrics.publishFailed(sample))
              .onErrorMap(PublishFailedException::of);
        });
  }

  private List<CompletableFuture<SendResult<String, ParcelbellEvent>>> sendAll(
      List<ShipmentStatusChanged> events) {
    // Sent one after another from one thread, so a shipment's items keep their order in the batch.
    return events.stream().map(this::send).toList();
  }

  private CompletableFuture<SendResult<String, ParcelbellEvent>> send(ShipmentStatusChanged event) {
    var record =
        new ProducerRecord<String, ParcelbellEvent>(
            Topics.SHIPMENT_STATUS,
            ShipmentKey.of(event.courierCode(), event.trackingNumber()),
            event);
    traceHeaders.inject(record.headers());
    return template.send(record);
  }

  private static Mono<Void> allAcknowledged(
      List<CompletableFuture<SendResult<String, ParcelbellEvent>>> futures) {
    // suppressCancel: on our timeout the producer keeps trying; a late success is a duplicate with
    // the same event id, which consumers drop.
    return Mono.when(futures.stream().map(f -> Mono.fromFuture(f, true)).toList());
  }
}

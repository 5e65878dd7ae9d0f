package io.parcelbell.ingest.webhook;

import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.TraceContext;
import io.parcelbell.contracts.ShipmentKey;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
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
    return Mono.deferContextual(
        context -> {
          TraceContext trace = traceHeaders.of(context);
          Timer.Sample sample = metrics.startPublish();
          return Mono.just(events)
              .publishOn(sendThread)
              .map(batch -> sendAll(batch, trace))
              .flatMap(ShipmentPublisher::allAcknowledged)
              // With a fallback Reactor skips naming the operator chain for its own timeout
              // message, which it does on every subscription (1.5 % of ingest's CPU per webhook).
              .timeout(timeout, Mono.error(this::timedOut))
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

  private TimeoutException timedOut() {
    return new TimeoutException("Kafka did not acknowledge within " + timeout.toMillis() + " ms");
  }

  private List<CompletableFuture<SendResult<String, ParcelbellEvent>>> sendAll(
      List<ShipmentStatusChanged> events, TraceContext trace) {
    // Sent one after another from one thread, so a shipment's items keep their order in the batch.
    return events.stream().map(event -> send(event, trace)).toList();
  }

  private CompletableFuture<SendResult<String, ParcelbellEvent>> send(
      ShipmentStatusChanged event, TraceContext trace) {
    var record =
        new ProducerRecord<String, ParcelbellEvent>(
            Topics.SHIPMENT_STATUS,
            ShipmentKey.of(event.courierCode(), event.trackingNumber()),
            event);
    traceHeaders.inject(trace, record.headers());
    return template.send(record);
  }

  /**
   * Completes when every record is acknowledged, and fails as soon as one fails. One future for the
   * batch rather than {@code Mono.when} over a Mono per record: when ignores each SendResult by
   * discarding it through the whole operator chain's context, which cost 3 % of ingest's CPU per
   * webhook in the benchmark.
   */
  private static Mono<Void> allAcknowledged(
      List<CompletableFuture<SendResult<String, ParcelbellEvent>>> futures) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    futures.forEach(
        future ->
            future.whenComplete(
                (result, error) -> {
                  if (error != null) {
                    all.completeExceptionally(error);
                  }
                }));
    // suppressCancel: on our timeout the producer keeps trying; a late success is a duplicate with
    // the same event id, which consumers drop.
    return Mono.fromFuture(all, true);
  }
}

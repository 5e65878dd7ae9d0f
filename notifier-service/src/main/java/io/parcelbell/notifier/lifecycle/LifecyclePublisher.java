package io.parcelbell.notifier.lifecycle;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes to the lifecycle topic; the Mono completes when the broker acked. The next step of a
 * notification waits for it, so the consumed offset is committed only after the event it caused is
 * durable.
 */
@Component
public class LifecyclePublisher {

  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final Duration timeout;

  LifecyclePublisher(KafkaTemplate<String, ParcelbellEvent> kafka, NotifierProperties properties) {
    this.kafka = kafka;
    this.timeout = properties.stepTimeout();
  }

  public Mono<Void> publish(ParcelbellEvent event) {
    // send() itself blocks while the topic's metadata is unknown (broker down, max.block.ms): it is
    // called on a thread that may block, never on the Netty or MongoDB driver thread that ran the
    // previous step.
    // InTrace: the send's observation continues the record's trace into the event's headers.
    return InTrace.call(
            () ->
                Mono.fromFuture(
                    kafka.send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event)))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(timeout)
        .onErrorMap(e -> new LifecyclePublishException(event, e))
        .then();
  }

  /** The event was not acked; the record is retried and the notification resumed. */
  static class LifecyclePublishException extends RuntimeException {
    LifecyclePublishException(ParcelbellEvent event, Throwable cause) {
      super("lifecycle event " + event.eventId() + " was not acked", cause);
    }
  }
}

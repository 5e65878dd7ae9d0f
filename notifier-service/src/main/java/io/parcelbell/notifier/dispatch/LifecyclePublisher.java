package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes to the lifecycle topic and waits for the broker's ack. Called on the listener thread,
 * so the consumed offset is committed only after the event it caused is durable.
 */
@Component
class LifecyclePublisher {

  private final KafkaTemplate<String, ParcelbellEvent> kafka;
  private final Duration timeout;

  LifecyclePublisher(KafkaTemplate<String, ParcelbellEvent> kafka, NotifierProperties properties) {
    this.kafka = kafka;
    this.timeout = properties.stepTimeout();
  }

  void publish(ParcelbellEvent event) {
    try {
      kafka
          .send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecyclePublishException(event, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new LifecyclePublishException(event, e);
    }
  }

  /** The event was not acked; the record is retried and the notification resumed. */
  static class LifecyclePublishException extends RuntimeException {
    LifecyclePublishException(ParcelbellEvent event, Throwable cause) {
      super("lifecycle event " + event.eventId() + " was not acked", cause);
    }
  }
}

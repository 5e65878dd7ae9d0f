package io.parcelbell.notifier.intake;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * While the Bizgo breaker is open there is no point in taking shipment events: every one would fail
 * and wait in the error handler. Pausing the listener keeps them in Kafka, in order; the breaker
 * half-opens by itself after its wait and the listener resumes to make the trial calls.
 */
@Component
class PauseWhileBizgoIsDown {

  private static final Logger log = LoggerFactory.getLogger(PauseWhileBizgoIsDown.class);

  /** Both listeners end in Bizgo sends: new shipment statuses and report-driven fallbacks. */
  static final java.util.List<String> BIZGO_DEPENDENT_LISTENERS =
      java.util.List.of(ShipmentEventsListener.ID, OutcomeEventsListener.ID);

  private final KafkaListenerEndpointRegistry listeners;

  PauseWhileBizgoIsDown(KafkaListenerEndpointRegistry listeners, BizgoPolicies policies) {
    this.listeners = listeners;
    CircuitBreaker breaker = policies.circuitBreaker();
    breaker.getEventPublisher().onStateTransition(this::onTransition);
  }

  void onTransition(CircuitBreakerOnStateTransitionEvent event) {
    for (String id : BIZGO_DEPENDENT_LISTENERS) {
      MessageListenerContainer container = listeners.getListenerContainer(id);
      if (container != null) {
        apply(event, id, container);
      }
    }
  }

  private static void apply(
      CircuitBreakerOnStateTransitionEvent event, String id, MessageListenerContainer container) {
    switch (event.getStateTransition().getToState()) {
      case OPEN, FORCED_OPEN -> {
        log.warn("Bizgo breaker {}: pausing listener {}", event.getStateTransition(), id);
        container.pause();
      }
      default -> {
        if (container.isPauseRequested()) {
          log.info("Bizgo breaker {}: resuming listener {}", event.getStateTransition(), id);
          container.resume();
        }
      }
    }
  }
}

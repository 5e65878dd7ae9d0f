package io.parcelbell.notifier.intake;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.parcelbell.notifier.bizgo.BizgoCredentials;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * While Bizgo cannot take a send there is no point in taking events: every one would fail and wait
 * in the error handler. Two things mean it cannot: the Bizgo breaker is open (Bizgo down), or Bizgo
 * rejects our credentials (A401/A403, a mistaken key rotation). Pausing the listeners keeps the
 * events in Kafka, in order. They resume when neither holds: the breaker half-opens by itself after
 * its wait (the listeners then make the trial calls), and {@link ProbeRejectedCredentials} asks
 * Bizgo about the credentials.
 */
@Component
class PauseWhileBizgoIsDown {

  private static final Logger log = LoggerFactory.getLogger(PauseWhileBizgoIsDown.class);

  /** The listeners that end in Bizgo sends: statuses, report-driven fallbacks, resends. */
  static final List<String> BIZGO_DEPENDENT_LISTENERS =
      List.of(ShipmentEventsListener.ID, OutcomeEventsListener.ID, CommandsListener.ID);

  private static final java.util.concurrent.Executor RECONCILER =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bizgo-listener-gate");
            thread.setDaemon(true);
            return thread;
          });

  private final KafkaListenerEndpointRegistry listeners;
  private final CircuitBreaker breaker;
  private final BizgoCredentials credentials;

  PauseWhileBizgoIsDown(
      KafkaListenerEndpointRegistry listeners,
      BizgoPolicies policies,
      BizgoCredentials credentials) {
    this.listeners = listeners;
    this.breaker = policies.circuitBreaker();
    this.credentials = credentials;
    breaker
        .getEventPublisher()
        // A transition happens on whichever thread recorded the call (a Netty event loop): off it.
        .onStateTransition(
            e -> RECONCILER.execute(() -> reconcile(e.getStateTransition().toString())));
    // Credentials change on a Netty thread (a send's answer): pausing a container takes its
    // lifecycle lock, which must not stall the event loop. reconcile() reads the current state,
    // so running it later and in any order settles the same way.
    credentials.onChange(
        blocked ->
            RECONCILER.execute(
                () -> reconcile(blocked ? "credentials rejected" : "credentials accepted")));
  }

  private synchronized void reconcile(String why) {
    boolean blocked = breakerOpen() || credentials.blocksSends();
    for (String id : BIZGO_DEPENDENT_LISTENERS) {
      MessageListenerContainer container = listeners.getListenerContainer(id);
      if (container == null) {
        continue;
      }
      if (blocked) {
        log.warn("Bizgo cannot take sends ({}): pausing listener {}", why, id);
        container.pause();
      } else if (container.isPauseRequested()) {
        log.info("Bizgo can take sends again ({}): resuming listener {}", why, id);
        container.resume();
      }
    }
  }

  private boolean breakerOpen() {
    return switch (breaker.getState()) {
      case OPEN, FORCED_OPEN -> true;
      default -> false;
    };
  }
}

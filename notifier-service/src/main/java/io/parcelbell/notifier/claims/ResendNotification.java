package io.parcelbell.notifier.claims;

import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.lifecycle.LifecycleEvents;
import io.parcelbell.notifier.lifecycle.LifecyclePublisher;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import io.parcelbell.notifier.quiethours.HoldOrSupersede;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * An operator's resend of a dead-lettered notification: the next generation of the same document,
 * so the same recipient and content, attempt numbers (hence Bizgo idempotency keys) continuing
 * after the stored ones, and quiet hours respected (held until they end). Idempotent: only a
 * notification still DEAD_LETTER in the generation read is claimed again, with one compare-and-set,
 * so a repeated command, a redelivery or a second replica changes nothing.
 */
@Service
public class ResendNotification {

  private static final Logger log = LoggerFactory.getLogger(ResendNotification.class);

  private final NotificationStore store;
  private final NotificationClaims claims;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final LifecyclePublisher publisher;
  private final Clock clock;
  private final Duration dedupWindow;
  private final Duration timeout;

  ResendNotification(
      NotificationStore store,
      NotificationClaims claims,
      AttemptRunner runner,
      HoldOrSupersede holds,
      LifecyclePublisher publisher,
      Clock clock,
      NotifierProperties properties) {
    this.store = store;
    this.claims = claims;
    this.runner = runner;
    this.holds = holds;
    this.publisher = publisher;
    this.clock = clock;
    this.dedupWindow = properties.dedupWindow();
    this.timeout = properties.stepTimeout();
  }

  public Mono<Void> handle(ResendRequested command) {
    return store
        .find(command.notificationId())
        .timeout(timeout)
        .flatMap(existing -> resend(existing, command).thenReturn(true))
        .switchIfEmpty(Mono.defer(() -> forgotten(command).thenReturn(true)))
        .then();
  }

  private Mono<Void> resend(NotificationDocument existing, ResendRequested command) {
    if (existing.state() != DispatchState.DEAD_LETTER
        && existing.state() != DispatchState.DISPATCHED) {
      log.info(
          "resend {} of {} ignored: {} (a resend or a send under way)",
          command.eventId(),
          existing,
          existing.state());
      return Mono.empty();
    }
    if (existing.recipient() == null) {
      // Nothing to send to: the same INVALID_RECIPIENT rejection again, so the history says why.
      return publisher.publish(LifecycleEvents.invalidRecipient(existing));
    }
    Instant now = clock.instant();
    NotificationDocument claimed = existing.claimedAgain(now, now.plus(dedupWindow));
    NotificationDocument fresh =
        holds
            .releaseAt(claimed)
            .map(claimed::heldUntil)
            .orElseGet(() -> NotifyShipmentStatus.withFirstAttempt(claimed, now));
    String token = AttemptRunner.newRunToken();
    return claims
        .resend(existing, fresh, command.eventId(), token, runner.lease())
        .timeout(timeout)
        .flatMap(
            next -> {
              log.info(
                  "resending {} (generation {}, requested by {}, command {})",
                  next,
                  next.generation(),
                  command.requestedBy(),
                  command.eventId());
              return next.state() == DispatchState.HELD
                  ? holds.announceHeld(next)
                  : runner.runLeased(next, token);
            })
        .switchIfEmpty(
            Mono.fromRunnable(
                () ->
                    log.info(
                        "resend {} of {}: carried out before, or claimed by another",
                        command.eventId(),
                        existing)));
  }

  /** The notifier's retention deleted it (30 days after it ended): nothing left to send from. */
  private Mono<Void> forgotten(ResendRequested command) {
    log.warn(
        "resend {} of {}: no longer stored here (retention), nothing to send",
        command.eventId(),
        command.notificationId());
    return publisher.publish(LifecycleEvents.resendUnavailable(command, clock.instant()));
  }
}

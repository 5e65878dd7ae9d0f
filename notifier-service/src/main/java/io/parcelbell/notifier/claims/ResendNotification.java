package io.parcelbell.notifier.claims;

import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.tracing.InTrace;
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
 * after the stored ones, and quiet hours respected (held until they end).
 *
 * <p>Idempotent by the attempt the operator saw ({@link ResendRequested#afterAttempt()}): only
 * while that is still the notification's last attempt is it claimed again, with one
 * compare-and-set, so a repeated or redelivered command, a stale one (the notification was sent
 * again since) or a second replica changes nothing. A resend whose claim was stored but whose run
 * did not finish (Bizgo down, a crash) is resumed when the command is redelivered, like any claimed
 * notification.
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
        .flatMap(existing -> decide(existing, command).thenReturn(true))
        .switchIfEmpty(Mono.defer(() -> forgotten(command).thenReturn(true)))
        .then();
  }

  private Mono<Void> decide(NotificationDocument existing, ResendRequested command) {
    int next = command.afterAttempt() + 1;
    boolean ended =
        existing.state() == DispatchState.DISPATCHED
            || existing.state() == DispatchState.DEAD_LETTER;
    if (ended && existing.nextAttemptNumber() == next) {
      return resend(existing, command);
    }
    if (existing.generation() > 1 && existing.firstAttempt() == next) {
      // This command's resend was claimed before: finish what a failed run or a crash left.
      if (existing.state() == DispatchState.CLAIMED) {
        return InTrace.run(() -> log.info("resuming resend {} of {}", command.eventId(), existing))
            .then(Mono.defer(() -> runner.run(existing)));
      }
      if (existing.state() == DispatchState.HELD) {
        return holds.announceHeld(existing);
      }
    }
    return InTrace.run(
        () ->
            log.info(
                "resend {} of {} after attempt {} changes nothing: it was resent or sent since",
                command.eventId(),
                existing,
                command.afterAttempt()));
  }

  private Mono<Void> resend(NotificationDocument existing, ResendRequested command) {
    Instant now = clock.instant();
    NotificationDocument claimed = existing.claimedAgain(now, now.plus(dedupWindow));
    NotificationDocument fresh =
        holds
            .releaseAt(claimed)
            .map(claimed::heldUntil)
            .orElseGet(() -> NotifyShipmentStatus.withFirstAttempt(claimed, now));
    String token = AttemptRunner.newRunToken();
    return claims
        .resend(existing, fresh, token, runner.lease())
        .timeout(timeout)
        .flatMap(
            next -> {
              Mono<Void> go =
                  next.state() == DispatchState.HELD
                      ? holds.announceHeld(next)
                      : runner.runLeased(next, token);
              return InTrace.run(
                      () ->
                          log.info(
                              "resending {} (generation {}, requested by {}, command {})",
                              next,
                              next.generation(),
                              command.requestedBy(),
                              command.eventId()))
                  .then(go)
                  .thenReturn(true);
            })
        .switchIfEmpty(
            InTrace.run(
                () ->
                    log.info(
                        "resend {} of {}: another delivery got there first",
                        command.eventId(),
                        existing)))
        .then();
  }

  /** The notifier's retention deleted it (30 days after it ended): nothing left to send from. */
  private Mono<Void> forgotten(ResendRequested command) {
    return InTrace.run(
            () ->
                log.warn(
                    "resend {} of {}: no longer stored here (retention), nothing to send",
                    command.eventId(),
                    command.notificationId()))
        .then(
            Mono.defer(
                () ->
                    publisher.publish(
                        LifecycleEvents.resendUnavailable(command, clock.instant()))));
  }
}

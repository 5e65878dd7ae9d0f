package io.parcelbell.notifier.attempts;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Bizgo accepted the Alimtalk but its delivery report says it did not arrive (not a KakaoTalk user,
 * blocked, expired): send the SMS/LMS fallback. Reopening the notification and adding the fallback
 * attempt is one atomic update, so a redelivered report never sends a second fallback.
 */
@Service
public class FallBackAfterFailedReport {

  private static final Logger log = LoggerFactory.getLogger(FallBackAfterFailedReport.class);

  private final NotificationStore store;
  private final AttemptRunner runner;
  private final Clock clock;
  private final Duration timeout;

  FallBackAfterFailedReport(
      NotificationStore store, AttemptRunner runner, Clock clock, NotifierProperties properties) {
    this.store = store;
    this.runner = runner;
    this.clock = clock;
    this.timeout = properties.stepTimeout();
  }

  public Mono<Void> handle(NotificationSettled settled) {
    if (settled.scope() != SettlementScope.ATTEMPT
        || settled.channel() != Channel.ALIMTALK
        || (settled.attemptState() != AttemptState.FAILED
            && settled.attemptState() != AttemptState.EXPIRED)) {
      return Mono.empty();
    }
    // The warning before the fallback, not after it: fallBack completes empty, and a
    // switchIfEmpty after it warned of every notification it had found.
    return store
        .find(settled.notificationId())
        .timeout(timeout)
        .switchIfEmpty(
            InTrace.run(
                    () ->
                        log.warn(
                            "report for unknown notification {} ignored", settled.notificationId()))
                .then(Mono.empty()))
        .flatMap(notification -> fallBack(settled, notification));
  }

  private Mono<Void> fallBack(NotificationSettled settled, NotificationDocument notification) {
    if (notification.recipient() == null) {
      return InTrace.run(() -> log.warn("report for {} without a recipient ignored", notification));
    }
    Attempt last = notification.lastAttempt();
    if (notification.state() == DispatchState.CLAIMED
        && last != null
        && last.channel() != Channel.ALIMTALK) {
      // An earlier delivery of this report reopened it and stopped before the end: resume.
      return runner.run(notification);
    }
    if (notification.state() != DispatchState.DISPATCHED
        || last == null
        || last.channel() != Channel.ALIMTALK
        || !settled.msgKey().equals(last.msgKey())) {
      return InTrace.run(
          () -> log.debug("report {} needs no fallback for {}", settled.eventId(), notification));
    }
    Channel fallback = notification.content().fallback().channel();
    Attempt attempt =
        Attempt.requested(notification.id(), last.number() + 1, fallback, clock.instant());
    return store
        .reopenForFallback(notification.id(), attempt)
        .timeout(timeout)
        .filter(Boolean.TRUE::equals) // else someone else reopened it first
        .flatMap(
            reopened ->
                InTrace.run(
                        () ->
                            log.info(
                                "{} Alimtalk {} ({}): falling back to {}",
                                notification.id(),
                                settled.attemptState(),
                                settled.reportCode(),
                                fallback))
                    .then(store.find(notification.id()).timeout(timeout).flatMap(runner::run)));
  }
}

package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

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

  public void handle(NotificationSettled settled) {
    if (settled.scope() != SettlementScope.ATTEMPT
        || settled.channel() != Channel.ALIMTALK
        || (settled.attemptState() != AttemptState.FAILED
            && settled.attemptState() != AttemptState.EXPIRED)) {
      return;
    }
    NotificationDocument notification = store.find(settled.notificationId()).block(timeout);
    if (notification == null || notification.recipient() == null) {
      log.warn("report for unknown notification {} ignored", settled.notificationId());
      return;
    }
    Attempt last = notification.lastAttempt();
    if (notification.state() == DispatchState.CLAIMED
        && last != null
        && last.channel() != Channel.ALIMTALK) {
      // An earlier delivery of this report reopened it and stopped before the end: resume.
      runner.run(notification);
      return;
    }
    if (notification.state() != DispatchState.DISPATCHED
        || last == null
        || last.channel() != Channel.ALIMTALK
        || !settled.msgKey().equals(last.msgKey())) {
      log.debug("report {} needs no fallback for {}", settled.eventId(), notification);
      return;
    }
    Channel fallback = notification.content().fallback().channel();
    Attempt attempt =
        Attempt.requested(notification.id(), last.number() + 1, fallback, clock.instant());
    if (!Boolean.TRUE.equals(store.reopenForFallback(notification.id(), attempt).block(timeout))) {
      return; // someone else reopened it first
    }
    log.info(
        "{} Alimtalk {} ({}): falling back to {}",
        notification.id(),
        settled.attemptState(),
        settled.reportCode(),
        fallback);
    runner.run(store.find(notification.id()).block(timeout));
  }
}

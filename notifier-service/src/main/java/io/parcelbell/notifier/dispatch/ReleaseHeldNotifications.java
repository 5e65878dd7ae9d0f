package io.parcelbell.notifier.dispatch;

import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends held notifications once quiet hours are over. Runs on Spring's scheduler thread (ours, not
 * Netty's), one notification at a time; each is leased first, so several instances never release
 * the same one and a release that died is picked up again after the lease.
 */
@Component
class ReleaseHeldNotifications {

  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(ReleaseHeldNotifications.class);

  private final NotificationStore store;
  private final AttemptRunner runner;
  private final RegressionGuard guard;
  private final HoldOrSupersede holds;
  private final Duration timeout;

  ReleaseHeldNotifications(
      NotificationStore store,
      AttemptRunner runner,
      RegressionGuard guard,
      HoldOrSupersede holds,
      NotifierProperties properties) {
    this.store = store;
    this.runner = runner;
    this.guard = guard;
    this.holds = holds;
    this.timeout = properties.stepTimeout();
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}",
      initialDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}")
  void releaseDue() {
    NotificationDocument due;
    while ((due = store.leaseDue(LEASE).block(timeout)) != null) {
      try {
        // A newer status was sent while this one waited (its supersede lost the race with this
        // lease, or another replica sent it): the customer must not get the older news after it.
        var newer = guard.newerThan(due);
        if (newer.isPresent()) {
          holds.supersedeLeased(due, newer.get());
          continue;
        }
        log.info("releasing held {}", due);
        runner.run(due);
      } catch (RuntimeException e) {
        // The lease keeps it from being retried in this round; the next round after the lease does.
        log.warn("release of {} failed, retried in {}: {}", due.id(), LEASE, e.toString());
      }
    }
  }
}

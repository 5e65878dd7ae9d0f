package io.parcelbell.report.sweep;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the sweeper every {@code parcelbell.report.sweep-interval}; off with {@code
 * parcelbell.report.sweep-enabled=false} (tests drive the sweeper themselves). Blocking is fine on
 * the scheduler's own thread, and keeps passes from overlapping.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
    name = "parcelbell.report.sweep-enabled",
    havingValue = "true",
    matchIfMissing = true)
class SweepSchedule {

  private final PendingSweeper sweeper;

  SweepSchedule(PendingSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.report.sweep-interval:1m}",
      initialDelayString = "${parcelbell.report.sweep-interval:1m}")
  void sweep() {
    sweeper.sweep().block(Duration.ofMinutes(5));
  }
}

package io.parcelbell.report.counts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Counts every {@code parcelbell.report.overview.count-interval} (10 s); until the first, the
 * overview counts on its first request. Blocking is fine on the scheduler's own thread, and keeps
 * counts from overlapping; a failed count is logged and the next one tries again (the dashboard
 * shows when it last counted).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CountSchedule {

  private static final Logger log = LoggerFactory.getLogger(CountSchedule.class);

  private final CountPass pass;

  CountSchedule(CountPass pass) {
    this.pass = pass;
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.report.overview.count-interval:10s}",
      initialDelayString = "${parcelbell.report.overview.count-interval:10s}")
  void count() {
    try {
      // Less than the lease: a count given up here gives its turn back before the lease would.
      pass.count().block(CountPass.LEASE.minusMinutes(1));
    } catch (RuntimeException e) {
      log.warn("counting the overview failed, next try in one interval: {}", e.toString());
    }
  }
}

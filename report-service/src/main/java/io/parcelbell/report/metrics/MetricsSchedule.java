package io.parcelbell.report.metrics;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Refreshes the age gauges every {@code parcelbell.report.metrics-interval}. Blocking is fine on
 * the scheduler's own thread; a failed refresh keeps the last values (the ages still grow).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MetricsSchedule {

  private static final Logger log = LoggerFactory.getLogger(MetricsSchedule.class);

  private final ReportMetrics metrics;

  MetricsSchedule(ReportMetrics metrics) {
    this.metrics = metrics;
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.report.metrics-interval:30s}",
      initialDelayString = "PT1S")
  void refresh() {
    try {
      metrics.refresh().block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.warn("metrics refresh failed: {}", e.toString());
    }
  }
}

package io.parcelbell.report.intake;

import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores a report durably, then applies it in the background. The caller answers Bizgo when the
 * returned Mono completes: a report is never acknowledged before it is stored, and applying it (a
 * few more Mongo writes and a Kafka send) does not count against Bizgo's 5 s.
 */
@Component
class ReportIntake {

  private static final Logger log = LoggerFactory.getLogger(ReportIntake.class);

  private final RawReportStore reports;
  private final ReportSettlement settlement;
  private final ReportMetrics metrics;
  private final Duration persistTimeout;

  ReportIntake(
      RawReportStore reports,
      ReportSettlement settlement,
      ReportMetrics metrics,
      ReportProperties properties) {
    this.reports = reports;
    this.settlement = settlement;
    this.metrics = metrics;
    this.persistTimeout = properties.bizgo().persistTimeout();
  }

  /** Errors (also on timeout) when the report could not be stored in time. */
  Mono<Void> accept(RawReport report) {
    return reports
        .saveIfAbsent(report)
        .timeout(persistTimeout)
        .doOnSuccess(
            stored -> {
              metrics.reportReceived(report.receivedAt());
              applyInBackground(report);
            });
  }

  private void applyInBackground(RawReport report) {
    // A failure here loses nothing: the report stays unapplied in bizgo_reports, and the sweeper
    // (or its dispatch event, if that is still to come) applies it again.
    settlement
        .apply(report)
        .subscribe(
            null,
            e -> log.warn("report {} stored but not yet applied: {}", report.id(), e.toString()));
  }
}

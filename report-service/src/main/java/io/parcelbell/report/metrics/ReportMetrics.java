package io.parcelbell.report.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReportStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The numbers ops alert on. Settlements are counters (a failure rate is a PromQL ratio of their
 * rates, which stays right with several replicas); the two ages are gauges computed at scrape time
 * from instants a periodic query refreshes, so they keep growing while nothing happens — exactly
 * when an alert must fire. Tags are channel, state and report code: never anything personal.
 */
@Component
public class ReportMetrics {

  static final String SETTLEMENTS = "parcelbell.report.settlements";
  static final String OLDEST_PENDING = "parcelbell.report.pending.oldest.age";
  static final String LAST_REPORT = "parcelbell.report.last.report.age";

  private final MeterRegistry meters;
  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final Clock clock;
  private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
  private final AtomicReference<Instant> lastReport = new AtomicReference<>();
  private volatile Instant refreshedAt;

  /** When the oldest PENDING attempt was sent, when the latest report arrived; null: none. */
  public record Ages(Instant oldestPendingSince, Instant lastReportAt) {}

  ReportMetrics(
      MeterRegistry meters, NotificationStore notifications, RawReportStore reports, Clock clock) {
    this.meters = meters;
    this.notifications = notifications;
    this.reports = reports;
    this.clock = clock;
    Gauge.builder(OLDEST_PENDING, this, m -> m.ageOf(m.oldestPending.get(), 0))
        .description("Age of the oldest attempt still waiting for its delivery report (0: none)")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder(LAST_REPORT, this, m -> m.ageOf(m.lastReport.get(), Double.NaN))
        .description("Time since the last Bizgo delivery report was received (NaN: none yet)")
        .baseUnit("seconds")
        .register(meters);
  }

  /** An attempt got its fate just now (counted once: only the write that settled it calls this). */
  public void attemptSettled(AttemptDocument attempt) {
    Counter.builder(SETTLEMENTS)
        .description("Attempts settled by a delivery report, an inquiry or expiry")
        .tag("channel", attempt.channel() == null ? "UNKNOWN" : attempt.channel().name())
        .tag("state", attempt.state().name())
        .tag("code", attempt.reportCode() == null ? "none" : attempt.reportCode())
        .register(meters)
        .increment();
  }

  /** A delivery report was stored. */
  public void reportReceived(Instant receivedAt) {
    lastReport.accumulateAndGet(receivedAt, ReportMetrics::later);
  }

  /**
   * Both instants, re-read first if the last read is older than {@code maxAge}: the dashboard's
   * counting shares the gauges' reads instead of adding its own.
   */
  public Mono<Ages> ages(Duration maxAge) {
    Instant at = refreshedAt;
    Mono<Void> fresh =
        at != null && at.isAfter(clock.instant().minus(maxAge)) ? Mono.empty() : refresh();
    return fresh.then(Mono.fromSupplier(() -> new Ages(oldestPending.get(), lastReport.get())));
  }

  /** Re-reads both instants from MongoDB: the truth across replicas and restarts. */
  public Mono<Void> refresh() {
    Instant now = clock.instant();
    Mono<Void> pending =
        notifications
            .findOldestPendingRequestedAt()
            .map(java.util.Optional::of)
            .defaultIfEmpty(java.util.Optional.empty())
            .doOnNext(oldest -> oldestPending.set(oldest.orElse(null)))
            .then();
    Mono<Void> latest = reports.findLatestReceivedAt().doOnNext(this::reportReceived).then();
    return pending.then(latest).doOnSuccess(done -> refreshedAt = now);
  }

  private double ageOf(Instant since, double none) {
    if (since == null) {
      return none;
    }
    return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}

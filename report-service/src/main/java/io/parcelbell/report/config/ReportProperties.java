package io.parcelbell.report.config;

import io.parcelbell.report.intake.Cidr;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything report-service can be configured with (prefix {@code parcelbell.report}). Environment
 * variables follow Spring's relaxed binding, e.g. {@code PARCELBELL_REPORT_BIZGO_ALLOWEDIPS}.
 *
 * @param bizgo the report webhook's guard and the provider's inquiry API
 * @param pendingTimeout a PENDING attempt older than this is looked up with Bizgo's inquiry API
 * @param expireAfter a PENDING attempt still unknown after this is settled as EXPIRED
 * @param sweepInterval how often stale PENDING attempts and unapplied reports are looked at
 * @param metricsInterval how often the age gauges (oldest PENDING, last report) are re-read
 * @param concurrency how many keys (msgKeys of reports, notifications of lifecycle events) one
 *     replica works on at once in a consumed batch; one key's records always one after another
 * @param outageBackOffMax the longest wait between two tries of a record (or batch) that failed for
 *     a reason that passes, typically MongoDB unavailable; such records are retried without limit,
 *     never dead-lettered
 * @param overview how the dashboard's counts are kept up to date
 */
@ConfigurationProperties(prefix = "parcelbell.report")
public record ReportProperties(
    @DefaultValue Bizgo bizgo,
    @DefaultValue("10m") Duration pendingTimeout,
    @DefaultValue("24h") Duration expireAfter,
    @DefaultValue("1m") Duration sweepInterval,
    @DefaultValue("30s") Duration metricsInterval,
    @DefaultValue("256") int concurrency,
    @DefaultValue("10s") Duration outageBackOffMax,
    @DefaultValue Overview overview) {

  public ReportProperties {
    requirePositive(pendingTimeout, "pending-timeout");
    requirePositive(expireAfter, "expire-after");
    requirePositive(sweepInterval, "sweep-interval");
    requirePositive(metricsInterval, "metrics-interval");
    requirePositive(outageBackOffMax, "outage-back-off-max");
    if (concurrency < 1) {
      throw new IllegalArgumentException("parcelbell.report.concurrency must be at least 1");
    }
  }

  /**
   * @param allowedIps CIDRs (IPv4 and IPv6) a delivery report may come from
   * @param trustedProxies CIDRs of proxies whose X-Forwarded-For is believed (empty: none)
   * @param signatureSecret when set, X-IB-Timestamp + X-IB-Signature are required
   * @param baseUrl Bizgo's base URL (inquiry API)
   * @param apiKey Bizgo's API key (inquiry API)
   * @param persistTimeout how long Kafka may take to acknowledge an accepted report before we
   *     answer 503 so that Bizgo retries (Bizgo gives up waiting after 5 s)
   * @param signatureMaxAge how far X-IB-Timestamp may be from now, either way, for the signature to
   *     count: the signature covers the timestamp only, so a captured header pair must not work
   *     forever
   * @param signatureReplayMemory how many signed requests (timestamp, signature and body) are
   *     remembered for twice the max age, so an exact replay is refused; per replica
   */
  public record Bizgo(
      @DefaultValue({"127.0.0.1/32", "::1/128"}) List<String> allowedIps,
      @DefaultValue({}) List<String> trustedProxies,
      String signatureSecret,
      @DefaultValue("http://localhost:8090") String baseUrl,
      String apiKey,
      @DefaultValue("4s") Duration persistTimeout,
      @DefaultValue("5m") Duration signatureMaxAge,
      @DefaultValue("100000") int signatureReplayMemory) {

    public Bizgo {
      allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
      trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
      // Fail at startup, not on the first report, when a CIDR is malformed.
      allowedIps.forEach(Cidr::parse);
      trustedProxies.forEach(Cidr::parse);
      requirePositive(persistTimeout, "bizgo.persist-timeout");
      requirePositive(signatureMaxAge, "bizgo.signature-max-age");
      if (signatureReplayMemory < 1) {
        throw new IllegalArgumentException(
            "parcelbell.report.bizgo.signature-replay-memory must be positive");
      }
    }

    public boolean signatureRequired() {
      return signatureSecret != null && !signatureSecret.isBlank();
    }

    @Override
    public String toString() {
      // Secrets must never reach a log line, e.g. when Spring reports a binding failure.
      return ("Bizgo[allowedIps=%s, trustedProxies=%s, signatureSecret=%s, baseUrl=%s, apiKey=<hidden>,"
              + " persistTimeout=%s, signatureMaxAge=%s, signatureReplayMemory=%d]")
          .formatted(
              allowedIps,
              trustedProxies,
              signatureRequired() ? "<hidden>" : "<none>",
              baseUrl,
              persistTimeout,
              signatureMaxAge,
              signatureReplayMemory);
    }
  }

  /**
   * The dashboard reads counts kept per ten-minute slice, not the history (counts.CountPass).
   *
   * @param countInterval how often the slices with a changed notification are recounted: how old
   *     the dashboard's figures may be
   * @param recountWeekEvery how often the whole week is recounted anyway, should a change have been
   *     stamped by a clock far behind
   */
  public record Overview(
      @DefaultValue("10s") Duration countInterval, @DefaultValue("1h") Duration recountWeekEvery) {

    public Overview {
      requirePositive(countInterval, "overview.count-interval");
      requirePositive(recountWeekEvery, "overview.recount-week-every");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("parcelbell.report." + name + " must be positive");
    }
  }
}

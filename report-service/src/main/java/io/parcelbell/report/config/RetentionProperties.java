package io.parcelbell.report.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data stays (prefix {@code parcelbell.report.retention}). MongoDB's TTL monitor
 * deletes a document about a minute after its time; a changed value applies to every document at
 * the next start (the TTL index is changed in place).
 *
 * @param history a notification's history document, counted from when it reached a final state
 *     (SENT, DEAD_LETTER, SUPERSEDED): it holds the masked phone, the order id and the reasons
 * @param reports a stored Bizgo delivery report, counted from when it was received
 */
@ConfigurationProperties(prefix = "parcelbell.report.retention")
public record RetentionProperties(
    @DefaultValue("180d") Duration history, @DefaultValue("30d") Duration reports) {

  public RetentionProperties {
    if (history == null || history.toSeconds() < 1 || reports == null || reports.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "parcelbell.report.retention.history and .reports must be at least a second");
    }
  }
}

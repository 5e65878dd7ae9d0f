package io.parcelbell.notifier.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the notifier keeps its working documents, which hold the raw phone number and name
 * (prefix {@code parcelbell.notifier.retention}).
 *
 * @param afterEnd counted from when a notification ended (dispatched, dead-lettered or superseded);
 *     a fallback or a later generation restarts it. It must outlast the dedup window and Bizgo's
 *     idempotency TTL: a document deleted sooner would let the same status be sent again
 */
@ConfigurationProperties(prefix = "parcelbell.notifier.retention")
public record RetentionProperties(@DefaultValue("30d") Duration afterEnd) {

  public RetentionProperties {
    if (afterEnd == null || afterEnd.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "parcelbell.notifier.retention.after-end must be positive");
    }
  }
}

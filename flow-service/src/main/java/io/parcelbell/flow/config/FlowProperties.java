package io.parcelbell.flow.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * flow-service's settings ({@code parcelbell.flow.*}; env {@code PARCELBELL_FLOW_...}).
 *
 * @param allowedDestinations CIDRs and host names exempt from the address blocks (and allowed plain
 *     http): empty in production; the local stack and the tests allow loopback
 * @param deliveryTimeout a delivery attempt without a complete answer by then failed (retried)
 * @param disableAfter a destination whose every attempt failed for this long is disabled
 * @param retryDelays the waits between attempts (the first try, then one attempt per wait)
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 * @param pollInterval how often due runs and deliveries are looked for
 * @param concurrency runs (and, separately, deliveries) worked on at once per replica
 * @param lease how long a replica owns a claimed run or delivery before another may take it over
 * @param destinationCache how long a delivery attempt may use a destination read before (a change
 *     made on another replica reaches this one's deliveries within it; 0s: read every time)
 * @param holidays extra Korean holidays, beyond the shipped calendar
 * @param shipmentRetention how long a parcel's facts (statuses seen, its metadata with the phone)
 *     are kept after its last event
 * @param historyRetention how long an ended run or delivery (with its event and rendered body,
 *     personal data among them) is kept
 * @param encryption the key material destination secrets are encrypted with at rest (no default
 *     outside the local profile)
 */
@ConfigurationProperties(prefix = "parcelbell.flow")
public record FlowProperties(
    @DefaultValue List<String> allowedDestinations,
    @DefaultValue("15s") Duration deliveryTimeout,
    @DefaultValue("5d") Duration disableAfter,
    @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
    @DefaultValue("1h") Duration maxRetryAfter,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("64") int concurrency,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("1s") Duration destinationCache,
    @DefaultValue Holidays holidays,
    @DefaultValue("90d") Duration shipmentRetention,
    @DefaultValue("30d") Duration historyRetention,
    Encryption encryption) {

  /**
   * @param extra dates added to the shipped Korean public holidays
   */
  public record Holidays(@DefaultValue List<LocalDate> extra) {}

  /**
   * @param password a long random secret (env PARCELBELL_FLOW_ENCRYPTION_PASSWORD)
   * @param salt hex, 16 characters or more (env PARCELBELL_FLOW_ENCRYPTION_SALT)
   */
  public record Encryption(String password, String salt) {
    @Override
    public String toString() {
      return "Encryption[password=<hidden>, salt=<hidden>]";
    }
  }
}

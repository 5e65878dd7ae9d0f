package io.parcelbell.notifier.config;

import io.parcelbell.notifier.templates.MessageTemplate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the notifier is configured with ({@code parcelbell.notifier.*}; as environment
 * variables {@code PARCELBELL_NOTIFIER_BIZGO_API_KEY} and so on). The defaults run against the
 * local stack. Templates are validated while binding: an unknown variable stops the start-up.
 */
@Validated
@ConfigurationProperties(prefix = "parcelbell.notifier")
public record NotifierProperties(
    @Valid @DefaultValue Bizgo bizgo,
    @Valid @DefaultValue QuietHours quietHours,
    @NotNull @DefaultValue("24h") Duration dedupWindow,
    @NotNull @DefaultValue("60s") Duration stepTimeout,
    @Min(1) @DefaultValue("256") int concurrency,
    Map<String, @Valid MessageTemplate> templates) {

  /**
   * {@code concurrency}: how many notifications one replica works on at once (different shipments;
   * one shipment's statuses always one after another), in a consumed batch and in a release page.
   */
  public NotifierProperties {
    if (dedupWindow.isNegative() || dedupWindow.isZero()) {
      throw new IllegalArgumentException("dedup-window must be positive");
    }
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException("step-timeout must be positive");
    }
    // Statuses arrive upper-case from DeliveryAPI; environment variables bind lower-case keys.
    Map<String, MessageTemplate> byStatus = new LinkedHashMap<>();
    if (templates != null) {
      templates.forEach((status, t) -> byStatus.put(status.toUpperCase(Locale.ROOT), t));
    }
    templates = Map.copyOf(byStatus);
  }

  /**
   * Bizgo's omni API. {@code idempotencyTtl} is sent in seconds. {@code maxRetryAfter} bounds how
   * long a retry honours Bizgo's {@code Retry-After} on A020/429. {@code outageBackOffMax} is the
   * longest pause between redeliveries of a record whose handling failed (Bizgo, MongoDB or Kafka
   * unavailable, credentials rejected): such a record is never given up. {@code
   * credentialsProbeInterval}: while Bizgo rejects the credentials (A401/A403), how often a
   * side-effect-free request asks whether it accepts them again. {@code accountRate}: the sends a
   * second Bizgo allows the whole account (shared by all replicas, see ShareOfTheAccountRate).
   */
  public record Bizgo(
      @NotBlank @DefaultValue("http://localhost:8090") String baseUrl,
      @NotBlank String apiKey,
      @NotBlank String senderKey,
      @NotBlank @DefaultValue("15880000") String smsFrom,
      @NotNull @DefaultValue("24h") Duration idempotencyTtl,
      @NotNull @DefaultValue("2s") Duration connectTimeout,
      @NotNull @DefaultValue("5s") Duration responseTimeout,
      @NotNull @DefaultValue("10s") Duration maxRetryAfter,
      @NotNull @DefaultValue("30s") Duration outageBackOffMax,
      @NotNull @DefaultValue("30s") Duration credentialsProbeInterval,
      @Min(1) @DefaultValue("50") int accountRate) {

    public Bizgo {
      if (smsFrom != null && !smsFrom.matches("\\d{8,12}")) {
        throw new IllegalArgumentException("bizgo.sms-from must be a registered number (digits)");
      }
    }

    @Override
    public String toString() {
      return "Bizgo[baseUrl=%s, apiKey=<hidden>, senderKey=<hidden>, smsFrom=%s, accountRate=%d]"
          .formatted(baseUrl, smsFrom, accountRate);
    }
  }

  /**
   * Non-exempt statuses arriving between {@code start} and {@code end} (local time in {@code zone})
   * are held and released by a job polling every {@code releaseInterval}, {@code releasePageSize}
   * leased in one write and sent concurrently.
   */
  public record QuietHours(
      @NotNull @DefaultValue("21:00") LocalTime start,
      @NotNull @DefaultValue("08:00") LocalTime end,
      @NotNull @DefaultValue("Asia/Seoul") ZoneId zone,
      @DefaultValue("DELIVERED") List<String> exemptStatuses,
      @NotNull @DefaultValue("30s") Duration releaseInterval,
      @Min(1) @DefaultValue("500") int releasePageSize) {

    public QuietHours {
      if (start != null && start.equals(end)) {
        throw new IllegalArgumentException("quiet-hours start and end must differ");
      }
      exemptStatuses = exemptStatuses == null ? List.of() : List.copyOf(exemptStatuses);
    }

    public Set<String> exemptStatusSet() {
      return exemptStatuses.stream()
          .map(s -> s.toUpperCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    }
  }
}

package io.parcelbell.contracts.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One change a person (or a program acting with its own token) made through a parcelbell API, as
 * stored and as published on {@code parcelbell.audit.v1}. The Kafka key is {@link #key()} (the
 * target); a record the relay publishes late may follow a younger one, so order by occurredAt.
 * Never holds a phone number or a customer's name: targets are ids.
 *
 * @param auditId unique, stable: a re-published record keeps it (consumers deduplicate on it)
 * @param occurredAt when the change took effect
 * @param service the service that made the change, e.g. {@code report-service}
 * @param action a stable code, e.g. {@code notification.resend} ({@link AuditActions})
 * @param actor who, from the access token
 * @param target what was changed
 * @param requestId the HTTP request's id ({@code X-Request-Id} when the caller sent a valid one)
 * @param details a few non-personal facts about the change (e.g. the new attempt's reason)
 */
public record AuditRecorded(
    String auditId,
    Instant occurredAt,
    String service,
    String action,
    AuditActor actor,
    AuditTarget target,
    String requestId,
    Map<String, String> details) {

  /** The CloudEvents {@code ce_type} of this record on {@code parcelbell.audit.v1}. */
  public static final String TYPE = "io.parcelbell.audit.recorded.v1";

  public AuditRecorded {
    text(auditId, "auditId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    text(service, "service");
    text(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(target, "target");
    text(requestId, "requestId");
    details =
        details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** The Kafka key: {@code type:id} of the target. */
  public String key() {
    return target.type() + ":" + target.id();
  }

  static void text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}

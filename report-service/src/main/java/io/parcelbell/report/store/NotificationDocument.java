package io.parcelbell.report.store;

import io.parcelbell.contracts.events.NotificationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The history of one notification, collection {@code notifications}, {@code _id} = the
 * deterministic notification id. {@code recipient} is only ever the masked phone number (the events
 * carry nothing else). {@code version} counts the changes applied to it. {@code outcomePublished}
 * is false from reaching SENT or DEAD_LETTER until that NotificationSettled is on Kafka. {@code
 * endedAt} is when it reached a final state: the history's retention (a TTL index) counts from it.
 * {@code heldAt}/{@code heldUntil} tell the latest hold for quiet hours, {@code
 * supersededBy}/{@code supersededAt} the notification that replaced this one (for the timeline).
 */
@Document(NotificationDocument.COLLECTION)
public record NotificationDocument(
    @Id String id,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String recipient,
    NotificationState state,
    String reason,
    List<AttemptDocument> attempts,
    Instant createdAt,
    Instant updatedAt,
    long version,
    Boolean outcomePublished,
    Instant endedAt,
    Instant heldAt,
    Instant heldUntil,
    String supersededBy,
    Instant supersededAt) {

  public static final String COLLECTION = "notifications";

  public NotificationDocument {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** The highest attempt number recorded, 0 without attempts. */
  public int lastAttemptNumber() {
    return attempts.stream().mapToInt(AttemptDocument::attempt).max().orElse(0);
  }

  public Optional<AttemptDocument> attempt(String msgKey) {
    return attempts.stream().filter(a -> msgKey.equals(a.msgKey())).findFirst();
  }
}

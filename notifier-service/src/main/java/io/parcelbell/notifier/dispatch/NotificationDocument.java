package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.PhoneMasking;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.templates.RenderedMessage;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification in the notifier's own collection. The deterministic {@code _id} is the dedup
 * claim: inserting it succeeds once per (courier, tracking number, status). The rendered content
 * and the normalized recipient are stored with it, so a resumed notification sends exactly what was
 * claimed.
 */
@Document(NotificationDocument.COLLECTION)
record NotificationDocument(
    @Id String id,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String recipient,
    String maskedRecipient,
    DispatchState state,
    String reason,
    RenderedMessage content,
    List<Attempt> attempts,
    Instant releaseAt,
    Instant leaseUntil,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt) {

  static final String COLLECTION = "notifications";

  NotificationDocument {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** {@code recipient} is null when the event's phone is not a mobile number. */
  static NotificationDocument claimed(
      ShipmentStatusChanged event,
      String recipient,
      RenderedMessage content,
      Instant now,
      Instant expiresAt) {
    return new NotificationDocument(
        NotificationIds.of(event.courierCode(), event.trackingNumber(), event.status()),
        event.courierCode(),
        event.trackingNumber(),
        event.status(),
        event.metadata().orderId(),
        recipient,
        PhoneMasking.mask(event.metadata().customerPhone()),
        DispatchState.CLAIMED,
        null,
        content,
        List.of(),
        null,
        null,
        now,
        now,
        expiresAt);
  }

  NotificationDocument heldUntil(Instant release) {
    return new NotificationDocument(
        id,
        courierCode,
        trackingNumber,
        shipmentStatus,
        orderId,
        recipient,
        maskedRecipient,
        DispatchState.HELD,
        reason,
        content,
        attempts,
        release,
        leaseUntil,
        createdAt,
        updatedAt,
        expiresAt);
  }

  Attempt lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  @Override
  public String toString() {
    return "Notification[" + id + ", " + state + ", to " + maskedRecipient + "]";
  }
}

package io.parcelbell.notifier.notification;

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
 *
 * <p>Once the dedup window ({@code expiresAt}) has passed, the same status is a new notification:
 * the document is re-claimed in place as the next {@code generation}. Attempt numbers keep counting
 * across generations ({@code firstAttempt} is the first of the current one), so every idempotency
 * key {@code {id}:{attempt}} and every lifecycle event id is still used once per document.
 */
@Document(NotificationDocument.COLLECTION)
public record NotificationDocument(
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
    Instant expiresAt,
    int generation,
    int firstAttempt) {

  public static final String COLLECTION = "notifications";

  public NotificationDocument {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    generation = Math.max(generation, 1);
    firstAttempt = Math.max(firstAttempt, 1);
  }

  /** {@code recipient} is null when the event's phone is not a mobile number. */
  public static NotificationDocument claimed(
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
        expiresAt,
        1,
        1);
  }

  /**
   * This notification claimed again for an operator's resend: the same recipient and content, no
   * attempt yet, a fresh dedup window; like {@link #claimed}, numbered from 1 here. The claim
   * (NotificationClaims) keeps the stored attempts and sets the real generation and numbers.
   */
  public NotificationDocument claimedAgain(Instant now, Instant expiresAt) {
    return new NotificationDocument(
        id,
        courierCode,
        trackingNumber,
        shipmentStatus,
        orderId,
        recipient,
        maskedRecipient,
        DispatchState.CLAIMED,
        null,
        content,
        List.of(),
        null,
        null,
        now,
        now,
        expiresAt,
        1,
        1);
  }

  public NotificationDocument heldUntil(Instant release) {
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
        expiresAt,
        generation,
        firstAttempt);
  }

  /** This notification with its first attempt already requested (claimed and sent in one go). */
  public NotificationDocument withFirstAttempt(Attempt first) {
    return new NotificationDocument(
        id,
        courierCode,
        trackingNumber,
        shipmentStatus,
        orderId,
        recipient,
        maskedRecipient,
        state,
        reason,
        content,
        List.of(first),
        releaseAt,
        leaseUntil,
        createdAt,
        updatedAt,
        expiresAt,
        generation,
        firstAttempt);
  }

  /** The latest attempt of the current generation, or null when it has none yet. */
  public Attempt lastAttempt() {
    if (attempts.isEmpty()) {
      return null;
    }
    Attempt last = attempts.get(attempts.size() - 1);
    return last.number() >= firstAttempt ? last : null;
  }

  /** The number the next attempt gets: attempt numbers never repeat within a document. */
  public int nextAttemptNumber() {
    return attempts.stream().mapToInt(Attempt::number).max().orElse(0) + 1;
  }

  public boolean hasAcceptedAttempt() {
    return attempts.stream()
        .anyMatch(a -> a.number() >= firstAttempt && a.status() == Attempt.Status.ACCEPTED);
  }

  @Override
  public String toString() {
    return "Notification[%s#%d, %s, to %s]".formatted(id, generation, state, maskedRecipient);
  }
}

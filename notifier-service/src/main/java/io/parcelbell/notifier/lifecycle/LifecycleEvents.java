package io.parcelbell.notifier.lifecycle;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.NotificationDocument;
import java.time.Instant;

/**
 * Builds lifecycle events from the stored notification. Ids and times come from the stored attempt,
 * so a re-publication after a crash is the same event (consumers dedupe on ce_id).
 */
public final class LifecycleEvents {

  public static final String INVALID_RECIPIENT = "INVALID_RECIPIENT";

  private LifecycleEvents() {}

  public static NotificationDispatched dispatched(NotificationDocument n, Attempt a) {
    return new NotificationDispatched(
        EventIds.of(n.id(), "dispatched", String.valueOf(a.number())),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        n.maskedRecipient(),
        a.channel(),
        a.number(),
        a.msgKey(),
        a.idempotencyKey(),
        isFinalChannel(a.channel()),
        a.answeredAt());
  }

  public static NotificationRejected rejected(NotificationDocument n, Attempt a) {
    return new NotificationRejected(
        EventIds.of(n.id(), "rejected", String.valueOf(a.number())),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        n.maskedRecipient(),
        a.channel(),
        a.number(),
        a.code(),
        a.reason() == null ? a.code() : a.reason(),
        isFinalChannel(a.channel()),
        a.answeredAt());
  }

  /** The notifier refused before any attempt: nothing was sent, nothing will be. */
  public static NotificationRejected invalidRecipient(NotificationDocument n) {
    return new NotificationRejected(
        generationalId(n, "rejected", "0"),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        n.maskedRecipient(),
        null,
        0,
        INVALID_RECIPIENT,
        "the recipient is not a Korean mobile number",
        true,
        n.createdAt());
  }

  /**
   * An operator asked for a resend of a notification the notifier no longer holds (its retention
   * deleted the recipient 30 days after it ended): it stays DEAD_LETTER, saying why.
   */
  public static NotificationRejected resendUnavailable(ResendRequested command, Instant at) {
    return new NotificationRejected(
        EventIds.of(command.notificationId(), "resend-unavailable", command.eventId()),
        command.notificationId(),
        command.courierCode(),
        command.trackingNumber(),
        command.shipmentStatus(),
        null,
        null,
        null,
        0,
        NotificationRejected.RESEND_UNAVAILABLE,
        "cannot resend: the recipient is no longer stored (retention after the notification ended)",
        true,
        at);
  }

  public static NotificationHeld held(NotificationDocument n) {
    return new NotificationHeld(
        generationalId(n, "held"),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        n.maskedRecipient(),
        n.releaseAt(),
        n.createdAt());
  }

  public static NotificationSuperseded superseded(
      NotificationDocument n, String supersededBy, Instant at) {
    return new NotificationSuperseded(
        generationalId(n, "superseded"),
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        supersededBy,
        at);
  }

  /**
   * Event-id parts that name the generation from the second one on: a notification re-claimed after
   * its dedup window is a new notification whose hold or supersession is a new event, while the
   * first generation keeps the ids it always had. (Attempt events need no suffix: attempt numbers
   * never repeat within a notification.)
   */
  private static String generationalId(NotificationDocument n, String... parts) {
    java.util.List<String> all = new java.util.ArrayList<>();
    all.add(n.id());
    all.addAll(java.util.List.of(parts));
    if (n.generation() > 1) {
      all.add("g" + n.generation());
    }
    return EventIds.of(all.toArray(String[]::new));
  }

  /** SMS/LMS is the last channel: its failure leaves nothing to fall back to. */
  public static boolean isFinalChannel(Channel channel) {
    return channel != Channel.ALIMTALK;
  }
}

package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * An operator asked for a dead-lettered notification to be sent again (report-service → notifier on
 * {@code parcelbell.notification-commands.v1}). The notifier starts a new attempt chain with new
 * idempotency keys, respecting quiet hours, unless the notification is no longer dead-lettered (a
 * resend already under way, or sent since): commands are idempotent.
 *
 * @param eventId the command's id: one per dead-lettered ending, so a second click while the first
 *     is in flight carries the same id
 * @param requestedBy the operator's token subject (the audit record has the rest)
 */
public record ResendRequested(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String requestedBy,
    Instant occurredAt)
    implements ParcelbellEvent {

  public ResendRequested {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.text(requestedBy, "requestedBy");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

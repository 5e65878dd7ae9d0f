package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * An operator asked for a dead-lettered notification to be sent again (report-service → notifier on
 * {@code parcelbell.notification-commands.v1}). The notifier starts a new attempt chain with new
 * idempotency keys, respecting quiet hours, only if the notification still ends with attempt {@code
 * afterAttempt}: a command for an ending that was resent already, or that is no longer the latest,
 * changes nothing, so commands are idempotent.
 *
 * @param eventId the command's id (unique per request)
 * @param afterAttempt the number of the last attempt of the dead-lettered ending the operator saw
 * @param requestedBy the operator's token subject (the audit record has the rest)
 */
public record ResendRequested(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    int afterAttempt,
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
    if (afterAttempt < 1) {
      throw new IllegalArgumentException("afterAttempt must be at least 1");
    }
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

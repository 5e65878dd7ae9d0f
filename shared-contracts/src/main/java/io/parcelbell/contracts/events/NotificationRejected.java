package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * An attempt was refused before it reached a phone: synchronously by the provider (A306, ...) or by
 * the notifier itself ({@code INVALID_RECIPIENT}, with no channel). {@code terminal} is true when
 * nothing more will be tried, which makes the notification DEAD_LETTER with {@code reason}.
 */
public record NotificationRejected(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String maskedRecipient,
    Channel channel,
    int attempt,
    String code,
    String reason,
    boolean terminal,
    Instant occurredAt)
    implements ParcelbellEvent {

  /**
   * The notifier's code for an operator's resend it cannot carry out (it no longer stores the
   * recipient); the notification stays DEAD_LETTER with the reason.
   */
  public static final String RESEND_UNAVAILABLE = "RESEND_UNAVAILABLE";

  public NotificationRejected {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.text(code, "code");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

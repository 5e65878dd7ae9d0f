package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * A provider accepted an attempt (Bizgo A000 + msgKey): the attempt is PENDING until its delivery
 * report. {@code attempt} counts from 1 across channels; {@code finalChannel} is true when no
 * fallback channel is left after this one, so its failure makes the notification DEAD_LETTER.
 */
public record NotificationDispatched(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String maskedRecipient,
    Channel channel,
    int attempt,
    String msgKey,
    String idempotencyKey,
    boolean finalChannel,
    Instant occurredAt)
    implements ParcelbellEvent {

  public NotificationDispatched {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.present(channel, "channel");
    Require.text(msgKey, "msgKey");
    Require.present(occurredAt, "occurredAt");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1");
    }
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

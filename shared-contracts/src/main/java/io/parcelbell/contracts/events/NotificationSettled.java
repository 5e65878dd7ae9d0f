package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * report-service settled something. With {@code scope} ATTEMPT: one attempt got its fate ({@code
 * channel}, {@code msgKey}, {@code attemptState} DELIVERED/FAILED/EXPIRED, the report code and
 * text); {@code notificationState} is the notification's state after it. With scope NOTIFICATION:
 * the notification reached its final state (SENT or DEAD_LETTER, {@code reason} for the latter);
 * the attempt fields name the attempt that decided it, if any.
 */
public record NotificationSettled(
    String eventId,
    String notificationId,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    SettlementScope scope,
    Channel channel,
    String msgKey,
    AttemptState attemptState,
    String reportCode,
    String reportText,
    Instant reportedAt,
    NotificationState notificationState,
    String reason,
    Instant occurredAt)
    implements ParcelbellEvent {

  public NotificationSettled {
    Require.text(eventId, "eventId");
    Require.text(notificationId, "notificationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.text(shipmentStatus, "shipmentStatus");
    Require.present(scope, "scope");
    Require.present(notificationState, "notificationState");
    Require.present(occurredAt, "occurredAt");
    if (scope == SettlementScope.ATTEMPT) {
      Require.present(channel, "channel");
      Require.text(msgKey, "msgKey");
      Require.present(attemptState, "attemptState");
    }
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

package io.parcelbell.flow.triggers;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Instant;
import java.util.List;

/**
 * One made-up event per trigger, twice: with every optional field set, and with every optional
 * field empty. A template is rendered against both when a flow is saved, so a body that is valid
 * JSON only when, say, the order id is present is refused then rather than failing at send time.
 * Also the event a preview or a test-send renders when the operator gives none.
 */
public final class SampleEvents {

  public static final Instant AT = Instant.parse("2026-03-05T01:30:00Z");
  public static final ShipmentMetadata METADATA =
      new ShipmentMetadata("ORD-20260305-0001", "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운");

  private SampleEvents() {}

  /** The sample with every field set, then the one with every optional field empty. */
  public static List<ParcelbellEvent> of(Trigger trigger) {
    return List.of(full(trigger), sparse(trigger));
  }

  public static ParcelbellEvent full(Trigger trigger) {
    switch (trigger) {
      case SHIPMENT_STATUS_CHANGED:
        return new ShipmentStatusChanged(
            "sample-event-1",
            "cj",
            "123456789012",
            "DELIVERED",
            true,
            "shop-1",
            "배송완료",
            "서울 강남",
            METADATA,
            AT);
      case NOTIFICATION_SETTLED:
        return new NotificationSettled(
            "sample-event-1",
            "cj:123456789012:DELIVERED",
            "cj",
            "123456789012",
            "DELIVERED",
            METADATA.orderId(),
            SettlementScope.NOTIFICATION,
            Channel.SMS,
            "MK-sample-2",
            AttemptState.FAILED,
            "23000",
            "Not found subscriber",
            AT,
            NotificationState.DEAD_LETTER,
            "23000 Not found subscriber",
            AT);
      case NOTIFICATION_HELD:
        return new NotificationHeld(
            "sample-event-1",
            "cj:123456789012:IN_TRANSIT",
            "cj",
            "123456789012",
            "IN_TRANSIT",
            METADATA.orderId(),
            "010-****-5678",
            Instant.parse("2026-03-05T23:00:00Z"),
            AT);
      case NOTIFICATION_REJECTED:
        return new NotificationRejected(
            "sample-event-1",
            "cj:123456789012:DELIVERED",
            "cj",
            "123456789012",
            "DELIVERED",
            METADATA.orderId(),
            "010-****-5678",
            Channel.ALIMTALK,
            1,
            "A306",
            "invalid recipient",
            true,
            AT);
      default:
        throw new IllegalArgumentException(trigger.name());
    }
  }

  public static ParcelbellEvent sparse(Trigger trigger) {
    switch (trigger) {
      case SHIPMENT_STATUS_CHANGED:
        return new ShipmentStatusChanged(
            "sample-event-2",
            "cj",
            "123456789012",
            "IN_TRANSIT",
            false,
            null,
            null,
            null,
            ShipmentMetadata.EMPTY,
            AT);
      case NOTIFICATION_SETTLED:
        return new NotificationSettled(
            "sample-event-2",
            "cj:123456789012:DELIVERED",
            "cj",
            "123456789012",
            "DELIVERED",
            null,
            SettlementScope.NOTIFICATION,
            null,
            null,
            null,
            null,
            null,
            null,
            NotificationState.SENT,
            null,
            AT);
      case NOTIFICATION_HELD:
        return new NotificationHeld(
            "sample-event-2",
            "cj:123456789012:IN_TRANSIT",
            "cj",
            "123456789012",
            "IN_TRANSIT",
            null,
            null,
            AT,
            AT);
      case NOTIFICATION_REJECTED:
        return new NotificationRejected(
            "sample-event-2",
            "cj:123456789012:DELIVERED",
            "cj",
            "123456789012",
            "DELIVERED",
            null,
            null,
            null,
            0,
            "A306",
            null,
            false,
            AT);
      default:
        throw new IllegalArgumentException(trigger.name());
    }
  }
}

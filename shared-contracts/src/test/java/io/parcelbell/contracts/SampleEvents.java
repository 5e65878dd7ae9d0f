package io.parcelbell.contracts;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.time.Instant;
import java.util.List;

/** One sample of every event type, matching the golden files in {@code golden/}. */
public final class SampleEvents {

  public static final Instant AT = Instant.parse("2026-04-24T01:42:34.546Z");
  public static final String NOTIFICATION_ID = "cj:123456789012:DELIVERED";

  private SampleEvents() {}

  public static ShipmentStatusChanged shipmentStatusChanged() {
    return new ShipmentStatusChanged(
        "6a1f0c55-3c57-3d52-9b44-7d9b8f1f2a10",
        "cj",
        "123456789012",
        "DELIVERED",
        true,
        "ORD-20260221-001",
        "배송완료",
        "서울 강남",
        new ShipmentMetadata("ORD-20260221-001", "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운"),
        AT);
  }

  public static NotificationHeld notificationHeld() {
    return new NotificationHeld(
        "0b8e4b55-7a0c-3b1e-8d0e-1f2a3b4c5d6e",
        "cj:123456789012:IN_TRANSIT",
        "cj",
        "123456789012",
        "IN_TRANSIT",
        "ORD-20260221-001",
        "010-****-5678",
        Instant.parse("2026-04-24T23:00:00Z"),
        AT);
  }

  public static NotificationDispatched notificationDispatched() {
    return new NotificationDispatched(
        "5d3c2b1a-0f9e-3d8c-b7a6-954433221100",
        NOTIFICATION_ID,
        "cj",
        "123456789012",
        "DELIVERED",
        "ORD-20260221-001",
        "010-****-5678",
        Channel.ALIMTALK,
        1,
        "20260424104234546POM101182450000",
        "cj:123456789012:DELIVERED:1",
        false,
        AT);
  }

  public static NotificationRejected notificationRejected() {
    return new NotificationRejected(
        "7e6d5c4b-3a29-3180-a7b6-c5d4e3f2a1b0",
        NOTIFICATION_ID,
        "cj",
        "123456789012",
        "DELIVERED",
        "ORD-20260221-001",
        "010-****-5678",
        Channel.SMS,
        2,
        "A306",
        "invalid recipient",
        true,
        AT);
  }

  public static NotificationSuperseded notificationSuperseded() {
    return new NotificationSuperseded(
        "1a2b3c4d-5e6f-3a7b-8c9d-0e1f2a3b4c5d",
        "cj:123456789012:IN_TRANSIT",
        "cj",
        "123456789012",
        "IN_TRANSIT",
        "ORD-20260221-001",
        "cj:123456789012:OUT_FOR_DELIVERY",
        AT);
  }

  public static NotificationSettled notificationSettled() {
    return new NotificationSettled(
        "9f8e7d6c-5b4a-3928-8716-a5b4c3d2e1f0",
        NOTIFICATION_ID,
        "cj",
        "123456789012",
        "DELIVERED",
        "ORD-20260221-001",
        SettlementScope.ATTEMPT,
        Channel.ALIMTALK,
        "20260424104234546POM101182450000",
        AttemptState.FAILED,
        "64016",
        "카카오톡 미사용자",
        Instant.parse("2026-04-24T01:42:36.120Z"),
        NotificationState.PENDING,
        null,
        AT);
  }

  public static ResendRequested resendRequested() {
    return new ResendRequested(
        "7c0e1f3a-9b2d-4e5f-8a6b-1c2d3e4f5a6b",
        NOTIFICATION_ID,
        "cj",
        "123456789012",
        "DELIVERED",
        2,
        "4f1d2c9e-operator",
        AT);
  }

  public static io.parcelbell.contracts.events.FlowRunChanged flowRunChanged() {
    return new io.parcelbell.contracts.events.FlowRunChanged(
        "flw_1:3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c:EXITED",
        "flw_1:3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c",
        "flw_1",
        1,
        "SHIPMENT_STATUS_CHANGED",
        "3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c",
        "cj",
        "123456789012",
        io.parcelbell.contracts.events.FlowRunStatus.EXITED,
        "the shipment reached RETURNED at 2026-04-25T02:00:00Z",
        AT);
  }

  public static io.parcelbell.contracts.events.FlowDeliveryChanged flowDeliveryChanged() {
    return new io.parcelbell.contracts.events.FlowDeliveryChanged(
        "flw_1:3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c:2:SUCCEEDED:3",
        "flw_1:3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c:2",
        "msg_4a1f0c2d9e8b7a6f5e4d3c2b1a0f9e8d",
        "flw_1:3f2b8c1e-5d4a-4e2f-9c7b-2a1d0e9f8b7c",
        "flw_1",
        "dst_1",
        "cj",
        "123456789012",
        io.parcelbell.contracts.events.FlowDeliveryOutcome.SUCCEEDED,
        3,
        200,
        null,
        AT);
  }

  public static io.parcelbell.contracts.events.FlowDestinationChanged flowDestinationChanged() {
    return new io.parcelbell.contracts.events.FlowDestinationChanged(
        "dst_1:disabled:2026-04-24T01:42:34.546Z",
        "dst_1",
        false,
        "the receiver answered 410 Gone",
        AT);
  }

  public static List<ParcelbellEvent> all() {
    return List.of(
        flowRunChanged(),
        flowDeliveryChanged(),
        flowDestinationChanged(),
        resendRequested(),
        shipmentStatusChanged(),
        notificationHeld(),
        notificationDispatched(),
        notificationRejected(),
        notificationSuperseded(),
        notificationSettled());
  }
}

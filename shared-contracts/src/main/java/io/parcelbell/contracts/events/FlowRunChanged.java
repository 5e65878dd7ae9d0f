package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * A flow run started, exited, completed or failed (flow-service → others on {@code
 * parcelbell.flow-activity.v1}, keyed by the parcel).
 *
 * @param eventId {@code <runId>:<status>}-derived, the same if re-published
 * @param runId {@code <flowId>:<triggerEventId>}: one run per flow and event
 * @param flowVersion the flow version the run follows (the one current when it started)
 * @param trigger the trigger's name, e.g. {@code SHIPMENT_STATUS_CHANGED}
 * @param reason why it exited or failed; null otherwise
 */
public record FlowRunChanged(
    String eventId,
    String runId,
    String flowId,
    int flowVersion,
    String trigger,
    String triggerEventId,
    String courierCode,
    String trackingNumber,
    FlowRunStatus status,
    String reason,
    Instant occurredAt)
    implements ParcelbellEvent {

  public FlowRunChanged {
    Require.text(eventId, "eventId");
    Require.text(runId, "runId");
    Require.text(flowId, "flowId");
    Require.text(trigger, "trigger");
    Require.text(triggerEventId, "triggerEventId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.present(status, "status");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

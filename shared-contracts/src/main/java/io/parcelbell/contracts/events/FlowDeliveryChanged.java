package io.parcelbell.contracts.events;

import io.parcelbell.contracts.ShipmentKey;
import java.time.Instant;

/**
 * A flow's webhook delivery ended: it succeeded, failed for good, or exhausted its retries
 * (flow-service → others on {@code parcelbell.flow-activity.v1}, keyed by the parcel). A replayed
 * delivery ends again and is announced again, with a new event id.
 *
 * @param webhookId the {@code webhook-id} the receiver saw on every attempt
 * @param attempts how many attempts were made in all
 * @param lastStatus the last attempt's HTTP status; null when it got no answer
 * @param error the last attempt's error (timeout, connection refused), when it had one
 */
public record FlowDeliveryChanged(
    String eventId,
    String deliveryId,
    String webhookId,
    String runId,
    String flowId,
    String destinationId,
    String courierCode,
    String trackingNumber,
    FlowDeliveryOutcome outcome,
    int attempts,
    Integer lastStatus,
    String error,
    Instant occurredAt)
    implements ParcelbellEvent {

  public FlowDeliveryChanged {
    Require.text(eventId, "eventId");
    Require.text(deliveryId, "deliveryId");
    Require.text(webhookId, "webhookId");
    Require.text(runId, "runId");
    Require.text(flowId, "flowId");
    Require.text(destinationId, "destinationId");
    Require.text(courierCode, "courierCode");
    Require.text(trackingNumber, "trackingNumber");
    Require.present(outcome, "outcome");
    Require.present(occurredAt, "occurredAt");
  }

  @Override
  public String shipmentKey() {
    return ShipmentKey.of(courierCode, trackingNumber);
  }
}

package io.parcelbell.contracts.events;

import java.time.Instant;

/**
 * A flow destination was disabled (by an admin, after a 410, or after days of failures) or enabled
 * again (flow-service → others on {@code parcelbell.flow-activity.v1}). Not about a parcel: keyed
 * {@code destination:<id>}, so one destination's changes stay in order.
 *
 * @param reason why it was disabled; null when enabled
 */
public record FlowDestinationChanged(
    String eventId, String destinationId, boolean enabled, String reason, Instant occurredAt)
    implements ParcelbellEvent {

  public FlowDestinationChanged {
    Require.text(eventId, "eventId");
    Require.text(destinationId, "destinationId");
    Require.present(occurredAt, "occurredAt");
  }

  /** Not a parcel's: {@code destination:<id>}, the Kafka key of its changes. */
  @Override
  public String shipmentKey() {
    return "destination:" + destinationId;
  }
}

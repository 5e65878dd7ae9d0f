package io.parcelbell.flow.delivery;

/**
 * Published in-process when a run step queued a delivery that is due at once: this replica's
 * delivery lanes, if they wait for the next look, look now (ClaimLanes#nudge) instead of up to a
 * poll interval later.
 */
public record DeliveryQueued() {

  public static final DeliveryQueued INSTANCE = new DeliveryQueued();
}

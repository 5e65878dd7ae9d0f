package io.parcelbell.flow.destinations;

/**
 * Published in-process when an admin enabled a destination again: its parked deliveries are due.
 */
public record DestinationEnabled(String destinationId) {}

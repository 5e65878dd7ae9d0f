package io.parcelbell.contracts.events;

import java.time.Instant;

/**
 * An event of a type this build does not know: topics evolve additively, so a newer producer may
 * publish types an older consumer has never seen. Consumers skip it rather than dead-letter it.
 */
public record UnknownEvent(String eventId, String type, String shipmentKey, Instant occurredAt)
    implements ParcelbellEvent {}

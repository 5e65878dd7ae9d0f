package io.parcelbell.flow.destinations;

import java.util.Map;

/**
 * What an admin sends to create or change a destination.
 *
 * @param headers static headers sent with every delivery (e.g. the receiver's API key): write-only,
 *     stored encrypted, never shown again
 * @param rateLimitPerSecond at most this many deliveries a second (they wait, never dropped); null
 *     for no limit
 */
public record DestinationRequest(
    String name, String url, Map<String, String> headers, Integer rateLimitPerSecond) {}

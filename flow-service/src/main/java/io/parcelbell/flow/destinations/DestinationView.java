package io.parcelbell.flow.destinations;

import java.time.Instant;
import java.util.List;

/**
 * A destination as the API shows it: the URL's scheme, host and port only (its path may be a
 * credential, as a Slack incoming webhook's is), header names only, no secret.
 *
 * @param previousSecretSignsUntil during a rotation, until when the old secret signs too
 * @param failingSince since when every delivery attempt failed; null while deliveries succeed
 */
public record DestinationView(
    String id,
    String name,
    String url,
    List<String> headerNames,
    Integer rateLimitPerSecond,
    boolean enabled,
    String disabledReason,
    Instant disabledAt,
    Instant failingSince,
    Instant previousSecretSignsUntil,
    Instant createdAt,
    Instant updatedAt) {

  static DestinationView of(DestinationDocument d) {
    return new DestinationView(
        d.id(),
        d.name(),
        d.shownUrl(),
        d.headers() == null
            ? List.of()
            : d.headers().stream().map(DestinationDocument.Header::name).toList(),
        d.rateLimitPerSecond(),
        d.enabled(),
        d.disabledReason(),
        d.disabledAt(),
        d.failingSince(),
        d.previousSecretUntil(),
        d.createdAt(),
        d.updatedAt());
  }

  /** The answer to a create or a rotation: the only time the signing secret is shown. */
  public record WithSecret(DestinationView destination, String signingSecret) {}
}

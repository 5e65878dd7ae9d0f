package io.parcelbell.flow.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The secrets a destination's deliveries are signed with: the current one, and during a rotation
 * the previous one until {@code previousUntil}, so receivers that still hold the old secret keep
 * verifying while they switch (both signatures are sent, space-separated).
 */
public record DestinationSecrets(
    SigningSecret current, SigningSecret previous, Instant previousUntil) {

  /** How long the previous secret keeps signing after a rotation. */
  public static final Duration OVERLAP = Duration.ofHours(24);

  public DestinationSecrets {
    Objects.requireNonNull(current, "current");
    if ((previous == null) != (previousUntil == null)) {
      throw new IllegalArgumentException("a previous secret needs its end, and only then");
    }
  }

  public static DestinationSecrets of(SigningSecret current) {
    return new DestinationSecrets(current, null, null);
  }

  /** A new current secret; the old one signs too until {@link #OVERLAP} from {@code now}. */
  public DestinationSecrets rotatedTo(SigningSecret next, Instant now) {
    return new DestinationSecrets(next, current, now.plus(OVERLAP));
  }

  /** The secrets that sign at {@code now}, current first. */
  public List<SigningSecret> signingAt(Instant now) {
    return previous != null && now.isBefore(previousUntil)
        ? List.of(current, previous)
        : List.of(current);
  }
}

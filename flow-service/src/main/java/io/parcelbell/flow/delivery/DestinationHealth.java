package io.parcelbell.flow.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A destination's record of failure: since when every attempt has failed ({@code failingSince},
 * null while it works). A destination that has failed every attempt for {@code disableAfter}
 * (default 5 days) is disabled, like one that answered 410 - and stays so until an admin re-enables
 * it; a single delivered attempt clears the record.
 */
public record DestinationHealth(Instant failingSince) {

  public static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);

  public static DestinationHealth healthy() {
    return new DestinationHealth(null);
  }

  /** The record after an attempt answered at {@code at} with {@code verdict}. */
  public DestinationHealth after(Verdict verdict, Instant at) {
    if (verdict == Verdict.DELIVERED) {
      return healthy();
    }
    return failingSince == null ? new DestinationHealth(at) : this;
  }

  /** Whether the destination is to be disabled now. */
  public boolean disable(Verdict lastVerdict, Instant now, Duration disableAfter) {
    if (lastVerdict == Verdict.DISABLE_DESTINATION) {
      return true;
    }
    return failingSince != null && !now.isBefore(failingSince.plus(disableAfter));
  }
}

package io.parcelbell.flow.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery is tried again: after each failed attempt the next wait of {@code delays}
 * (default: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h - Svix's schedule, about a day
 * and a half in all), or the receiver's {@code Retry-After} when it asks for longer, capped at
 * {@code maxRetryAfter}. Empty once the schedule is spent: the delivery is exhausted (and can still
 * be replayed by an operator).
 */
public record RetrySchedule(List<Duration> delays, Duration maxRetryAfter) {

  public static final RetrySchedule DEFAULT =
      new RetrySchedule(
          List.of(
              Duration.ZERO,
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(5),
              Duration.ofHours(10),
              Duration.ofHours(10)),
          Duration.ofHours(1));

  public RetrySchedule {
    delays = List.copyOf(delays);
    if (delays.stream().anyMatch(Duration::isNegative) || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("retry delays cannot be negative");
    }
  }

  /**
   * When to try again after the {@code failedAttempts}-th failed attempt (1 = the first try),
   * answered at {@code at}; empty when no tries are left.
   */
  public Optional<Instant> nextAttemptAt(int failedAttempts, Instant at, AttemptResult result) {
    if (failedAttempts < 1 || failedAttempts > delays.size()) {
      return Optional.empty();
    }
    Duration wait = delays.get(failedAttempts - 1);
    Duration asked = result.retryAfterHint().filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    if (asked.compareTo(maxRetryAfter) > 0) {
      asked = maxRetryAfter;
    }
    return Optional.of(at.plus(asked.compareTo(wait) > 0 ? asked : wait));
  }

  /** The attempts a delivery gets in all: the first try and one per delay. */
  public int maxAttempts() {
    return delays.size() + 1;
  }
}

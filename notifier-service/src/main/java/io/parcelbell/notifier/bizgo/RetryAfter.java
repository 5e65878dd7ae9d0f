package io.parcelbell.notifier.bizgo;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Bizgo's {@code Retry-After} on an A020/429 answer (RFC 9110: delta-seconds or an HTTP-date). An
 * unreadable or past value is treated as absent, so the retry falls back to its own back-off.
 */
final class RetryAfter {

  static final String HEADER = "Retry-After";

  private RetryAfter() {}

  static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // longer than a long: unreadable
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package io.parcelbell.flow.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one delivery attempt got back: an HTTP status (with its {@code Retry-After}, if any), or no
 * answer at all (timeout, connection refused or reset, TLS failure).
 */
public record AttemptResult(Integer status, Duration retryAfter, String error) {

  public static AttemptResult answered(int status, Duration retryAfter) {
    return new AttemptResult(status, retryAfter, null);
  }

  public static AttemptResult noAnswer(String error) {
    return new AttemptResult(null, null, error);
  }

  public Optional<Duration> retryAfterHint() {
    return Optional.ofNullable(retryAfter);
  }
}

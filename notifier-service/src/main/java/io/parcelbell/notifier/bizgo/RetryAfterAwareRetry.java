package io.parcelbell.notifier.bizgo;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * The configured {@code bizgo} Retry, except that a rate-limited try (A020/429) that carried a
 * {@code Retry-After} waits what Bizgo asked for, at most {@code max} (a misbehaving header must
 * not park the listener thread for an hour; when the wait is cut short, Bizgo answers 429 again and
 * the normal retry and container back-off take over). Every other wait is the configured
 * exponential back-off with jitter.
 */
public final class RetryAfterAwareRetry {

  private RetryAfterAwareRetry() {}

  public static Retry of(Retry configured, Duration max) {
    RetryConfig base = configured.getRetryConfig();
    IntervalBiFunction<Object> backOff = base.getIntervalBiFunction();
    IntervalBiFunction<Object> interval =
        (attempt, outcome) -> {
          Duration asked = retryAfterOf(outcome);
          if (asked == null) {
            return backOff.apply(attempt, outcome);
          }
          return Math.min(asked.toMillis(), max.toMillis());
        };
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(base.getMaxAttempts())
            .retryOnException(base.getExceptionPredicate())
            .retryOnResult(base.getResultPredicate())
            .failAfterMaxAttempts(base.isFailAfterMaxAttempts())
            .writableStackTraceEnabled(base.isWritableStackTraceEnabled())
            .intervalBiFunction(interval)
            .build();
    return Retry.of(configured.getName(), config, configured.getTags());
  }

  private static Duration retryAfterOf(Either<Throwable, Object> outcome) {
    if (outcome != null
        && outcome.isLeft()
        && outcome.getLeft() instanceof BizgoTransientException transientFailure
        && transientFailure.result() instanceof BizgoResult.RateLimited limited) {
      return limited.retryAfter();
    }
    return null;
  }
}

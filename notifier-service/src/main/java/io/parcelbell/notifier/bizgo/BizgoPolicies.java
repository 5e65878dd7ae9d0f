package io.parcelbell.notifier.bizgo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

/**
 * The Resilience4j instances named {@value #NAME}, configured under {@code
 * resilience4j.{retry,ratelimiter,circuitbreaker}.instances.bizgo.*}. Order per send: the breaker
 * and the rate limiter guard every HTTP try; the retry repeats tries with the same idempotency key.
 */
public record BizgoPolicies(Retry retry, RateLimiter rateLimiter, CircuitBreaker circuitBreaker) {

  public static final String NAME = "bizgo";
}

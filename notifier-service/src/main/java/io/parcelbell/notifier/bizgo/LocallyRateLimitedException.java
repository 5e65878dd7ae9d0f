package io.parcelbell.notifier.bizgo;

/**
 * A try that got no permit from our own {@code bizgo} rate limiter in time: retried like any
 * transient failure, but not a sign of Bizgo's health, so the breaker ignores it ({@code
 * resilience4j.circuitbreaker.instances.bizgo.ignore-exceptions}). Otherwise a burst of work
 * waiting for permits would open the breaker and pause the listeners while Bizgo is fine.
 */
public class LocallyRateLimitedException extends BizgoTransientException {

  LocallyRateLimitedException(BizgoResult result) {
    super(result);
  }
}

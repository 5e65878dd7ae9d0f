package io.parcelbell.notifier.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in integration tests. It stands still at noon in Seoul (outside quiet hours)
 * unless a test moves it; time is never waited for.
 */
public class MutableClock extends Clock {

  public static final Instant NOON_IN_SEOUL = Instant.parse("2026-04-24T03:00:00Z");

  private volatile Instant now = NOON_IN_SEOUL;

  public void set(Instant instant) {
    this.now = instant;
  }

  public void reset() {
    this.now = NOON_IN_SEOUL;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }
}

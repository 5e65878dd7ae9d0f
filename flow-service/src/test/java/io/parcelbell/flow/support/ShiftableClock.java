package io.parcelbell.flow.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in integration tests: real time, shifted as a test says (to a Friday
 * afternoon in Seoul, or three business days on), so delays are tested by moving time, never by
 * waiting for it, while everything else keeps running.
 */
public class ShiftableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** From now on, the clock reads {@code instant} (and runs on from there). */
  public void setTo(Instant instant) {
    offset = Duration.between(Instant.now(), instant);
  }

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}

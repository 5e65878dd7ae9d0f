package io.parcelbell.report.counts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The notifications created in one ten-minute slice of time, counted per state, and the codes their
 * failed attempts ended with. Ten minutes: a window's edge is off by less than that (the overview
 * says from when it counted), and a slice stays small enough to recount whole whenever one of its
 * notifications changes.
 *
 * @param start the slice's first instant (UTC, a multiple of ten minutes; Seoul's midnight is one)
 * @param states how many of its notifications are in each state now
 * @param codes how many failed attempts of its notifications ended with each code
 */
public record CountSlice(Instant start, Map<String, Long> states, Map<String, Long> codes) {

  public static final Duration SIZE = Duration.ofMinutes(10);

  /** MongoDB's {@code $dateToString} format whose result {@link #fromMinute} reads. */
  static final String MINUTE_FORMAT = "%Y-%m-%dT%H:%M";

  public CountSlice {
    states = Map.copyOf(states);
    codes = Map.copyOf(codes);
  }

  /** The start of the slice {@code instant} falls in. */
  public static Instant floor(Instant instant) {
    long size = SIZE.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
  }

  /** The start of the first slice that begins at or after {@code instant}. */
  public static Instant ceil(Instant instant) {
    Instant floor = floor(instant);
    return floor.equals(instant) ? floor : floor.plus(SIZE);
  }

  /** The slice of a minute as MongoDB printed it with {@link #MINUTE_FORMAT} (UTC). */
  static Instant fromMinute(String minute) {
    return floor(LocalDateTime.parse(minute).toInstant(ZoneOffset.UTC));
  }
}

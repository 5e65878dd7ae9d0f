package io.parcelbell.console.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The shop's days are Korean days: a date a person picks means that day in Seoul. */
public final class SeoulDays {

  private SeoulDays() {}

  /** A date as a form sends it (yyyy-MM-dd), or null for none or one that is not a date. */
  public static LocalDate parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** When the day begins in Seoul. */
  public static Instant start(LocalDate day) {
    return day.atStartOfDay(Display.SEOUL).toInstant();
  }

  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(Display.SEOUL));
  }
}

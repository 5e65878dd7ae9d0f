package io.parcelbell.flow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * "N business days later, at HH:mm" in Korea: from the Korean date of the start, N business days on
 * (weekends and public holidays skipped), at that time of day in Asia/Seoul. With N = 0 it is the
 * first business-day HH:mm at or after the start (a delivery at 09:00 on a Monday with "0 days,
 * 10:00" fires at 10:00 the same day; at 11:00, the next business day).
 */
public final class BusinessDays {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /** Far enough for any sensible delay; bounds the walk over a calendar. */
  public static final int MAX_DAYS = 60;

  private final HolidayCalendar calendar;

  public BusinessDays(HolidayCalendar calendar) {
    this.calendar = calendar;
  }

  public Instant after(Instant start, int businessDays, LocalTime at) {
    if (businessDays < 0 || businessDays > MAX_DAYS) {
      throw new IllegalArgumentException("business days must be 0.." + MAX_DAYS);
    }
    ZonedDateTime local = start.atZone(SEOUL);
    LocalDate date = local.toLocalDate();
    if (businessDays == 0) {
      while (true) {
        ZonedDateTime candidate = date.atTime(at).atZone(SEOUL);
        if (calendar.isBusinessDay(date) && !candidate.isBefore(local)) {
          return candidate.toInstant();
        }
        date = date.plusDays(1);
      }
    }
    int counted = 0;
    while (counted < businessDays) {
      date = date.plusDays(1);
      if (calendar.isBusinessDay(date)) {
        counted++;
      }
    }
    return date.atTime(at).atZone(SEOUL).toInstant();
  }
}

package io.parcelbell.flow.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Korean public holidays: the ones shipped in {@code holidays/kr.txt} (this and next year, from the
 * official 월력요항) plus any added by configuration. A business day is a weekday that is no holiday. A
 * year the calendar does not cover counts weekends only; {@link #covers} lets callers say so.
 */
public final class HolidayCalendar {

  static final String RESOURCE = "/holidays/kr.txt";

  private final TreeMap<LocalDate, String> holidays;

  private HolidayCalendar(Map<LocalDate, String> holidays) {
    this.holidays = new TreeMap<>(holidays);
  }

  /** The shipped calendar plus {@code extra} dates (named "configured"). */
  public static HolidayCalendar korea(Collection<LocalDate> extra) {
    Map<LocalDate, String> all = shipped();
    extra.forEach(date -> all.putIfAbsent(date, "configured"));
    return new HolidayCalendar(all);
  }

  public boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.containsKey(date);
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.containsKey(date);
  }

  /** Whether the shipped or configured holidays include any date of {@code year}. */
  public boolean covers(int year) {
    var from = holidays.ceilingKey(LocalDate.of(year, 1, 1));
    return from != null && from.getYear() == year;
  }

  private static Map<LocalDate, String> shipped() {
    Map<LocalDate, String> read = new TreeMap<>();
    try (InputStream in = HolidayCalendar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        int space = text.indexOf(' ');
        String date = space < 0 ? text : text.substring(0, space);
        read.put(LocalDate.parse(date), space < 0 ? "" : text.substring(space + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read;
  }
}

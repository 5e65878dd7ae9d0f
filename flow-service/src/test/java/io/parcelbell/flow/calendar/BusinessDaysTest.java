package io.parcelbell.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaysTest {

  private static final LocalTime TEN = LocalTime.of(10, 0);
  private final HolidayCalendar calendar = HolidayCalendar.korea(List.of());
  private final BusinessDays days = new BusinessDays(calendar);

  private static Instant kst(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BusinessDays.SEOUL).toInstant();
  }

  @ParameterizedTest(name = "{0} + {1} business days at 10:00 = {2}")
  @CsvSource({
    // A Tuesday: Wed, Thu, Fri.
    "2026-03-03T15:00, 3, 2026-03-06T10:00",
    // A Friday: the weekend is skipped (Mon, Tue, Wed).
    "2026-03-06T15:00, 3, 2026-03-11T10:00",
    // Thursday before Chuseok (Thu 24 - Sat 26 Sep 2026): Fri 25 and the 24th are holidays, so
    // Mon 28, Tue 29, Wed 30.
    "2026-09-23T18:00, 3, 2026-09-30T10:00",
    // Friday 2 Oct 2026, the weekend, then the substitute holiday for 개천절 (Mon 5 Oct): Tue 6,
    // Wed 7, Thu 8.
    "2026-10-02T09:00, 3, 2026-10-08T10:00",
    // Just before midnight KST counts from that Korean date, not from the UTC one.
    "2026-03-03T23:59, 1, 2026-03-04T10:00",
    // Seollal 2027 (Sat 6 - Mon 8 Feb) and its substitute holiday (Tue 9 Feb).
    "2027-02-05T12:00, 1, 2027-02-10T10:00",
    // 0 days: the same day while 10:00 is still ahead, else the next business day.
    "2026-03-03T09:00, 0, 2026-03-03T10:00",
    "2026-03-03T10:00, 0, 2026-03-03T10:00",
    "2026-03-03T11:00, 0, 2026-03-04T10:00",
    "2026-03-07T09:00, 0, 2026-03-09T10:00",
  })
  void countsWeekdaysThatAreNoHolidayInKoreanTime(String start, int n, String expected) {
    assertThat(days.after(kst(start), n, TEN)).isEqualTo(kst(expected));
  }

  @Test
  void theShippedCalendarHoldsThisAndNextYearsHolidays() {
    assertThat(calendar.covers(2026)).isTrue();
    assertThat(calendar.covers(2027)).isTrue();
    assertThat(calendar.covers(2028)).isFalse();
    assertThat(calendar.isHoliday(LocalDate.of(2026, 5, 25))).as("부처님 오신 날 substitute").isTrue();
    assertThat(calendar.isHoliday(LocalDate.of(2026, 6, 3))).as("지방선거").isTrue();
    assertThat(calendar.isHoliday(LocalDate.of(2027, 12, 27))).as("성탄절 substitute").isTrue();
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 3, 3))).isTrue();
  }

  @Test
  void configurationAddsHolidays() {
    var extended = HolidayCalendar.korea(List.of(LocalDate.of(2026, 3, 4)));

    assertThat(new BusinessDays(extended).after(kst("2026-03-03T15:00"), 1, TEN))
        .isEqualTo(kst("2026-03-05T10:00"));
  }
}

package io.parcelbell.report.query;

import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.counts.CountPass;
import io.parcelbell.report.counts.CountSlice;
import io.parcelbell.report.counts.CountStore;
import io.parcelbell.report.counts.Counted;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the console's dashboard shows, read from the counts kept per ten-minute slice
 * (counts.CountPass), never from the history itself: a handful of small documents whatever the
 * history's size. The figures are as of the last count ({@code at}, at most {@code
 * parcelbell.report.overview.count-interval} old while counting keeps up); the windows start at the
 * first slice inside them, which each {@code since} says.
 */
@Component
class OverviewService {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final int DAYS = 7;
  static final int TOP_CODES = 5;

  /** One KST day's settled notifications and the share that never reached a phone. */
  record Day(LocalDate day, long sent, long deadLetter, double failureRate) {}

  /** How often a code ended an attempt that failed (a report, a rejection or expiry). */
  record CodeCount(String code, long count) {}

  /**
   * @param at when these figures were counted
   */
  record Overview(
      Instant at,
      NotificationQueryService.Stats last24Hours,
      NotificationQueryService.Stats last7Days,
      List<Day> days,
      Instant oldestPendingSince,
      Instant lastReportAt,
      List<CodeCount> topFailureCodes) {}

  private final CountStore counts;
  private final CountPass pass;

  OverviewService(CountStore counts, CountPass pass) {
    this.counts = counts;
    this.pass = pass;
  }

  /** The last count's figures; the first time ever, counted now. */
  Mono<Overview> overview() {
    return counts
        .counted()
        .switchIfEmpty(
            Mono.defer(
                () -> pass.count().switchIfEmpty(Mono.error(OverviewNotCountedException::new))))
        .flatMap(
            counted -> {
              Instant weekFrom = CountSlice.ceil(counted.at().minus(Duration.ofDays(DAYS)));
              return counts
                  .slicesFrom(weekFrom)
                  .collectList()
                  .map(slices -> overview(counted, weekFrom, slices));
            });
  }

  private static Overview overview(Counted counted, Instant weekFrom, List<CountSlice> slices) {
    Instant dayFrom = CountSlice.ceil(counted.at().minus(Duration.ofHours(24)));
    Map<String, Long> lastDay = new HashMap<>();
    Map<String, Long> lastWeek = new HashMap<>();
    Map<String, Long> codes = new HashMap<>();
    Map<LocalDate, long[]> perDay = new HashMap<>(); // SENT, DEAD_LETTER
    for (CountSlice slice : slices) {
      slice.states().forEach((state, n) -> lastWeek.merge(state, n, Long::sum));
      if (!slice.start().isBefore(dayFrom)) {
        slice.states().forEach((state, n) -> lastDay.merge(state, n, Long::sum));
      }
      slice.codes().forEach((code, n) -> codes.merge(code, n, Long::sum));
      long[] day =
          perDay.computeIfAbsent(LocalDate.ofInstant(slice.start(), SEOUL), d -> new long[2]);
      day[0] += slice.states().getOrDefault(NotificationState.SENT.name(), 0L);
      day[1] += slice.states().getOrDefault(NotificationState.DEAD_LETTER.name(), 0L);
    }
    return new Overview(
        counted.at(),
        NotificationQueryService.Stats.of(Duration.ofHours(24), dayFrom, lastDay),
        NotificationQueryService.Stats.of(Duration.ofDays(DAYS), weekFrom, lastWeek),
        days(perDay, LocalDate.ofInstant(counted.at(), SEOUL)),
        counted.oldestPendingSince(),
        counted.lastReportAt(),
        top(codes));
  }

  /** The last seven Seoul days, today last; the earliest starts after the week's first slice. */
  private static List<Day> days(Map<LocalDate, long[]> perDay, LocalDate today) {
    List<Day> days = new ArrayList<>();
    for (int back = DAYS - 1; back >= 0; back--) {
      LocalDate day = today.minusDays(back);
      long[] c = perDay.getOrDefault(day, new long[2]);
      long ended = c[0] + c[1];
      days.add(new Day(day, c[0], c[1], ended == 0 ? 0.0 : (double) c[1] / ended));
    }
    return days;
  }

  /** The most frequent codes first; equally frequent ones by code. */
  private static List<CodeCount> top(Map<String, Long> codes) {
    return codes.entrySet().stream()
        .map(e -> new CodeCount(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingLong(CodeCount::count).reversed().thenComparing(CodeCount::code))
        .limit(TOP_CODES)
        .toList();
  }
}

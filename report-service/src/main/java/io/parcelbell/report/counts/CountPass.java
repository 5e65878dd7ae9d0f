package io.parcelbell.report.counts;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.metrics.ReportMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings the dashboard's counts up to date: recounts, from the notifications themselves, every
 * slice that holds a notification changed since the last count, and once an hour the whole week. A
 * count is always a recount, never an increment, so a crash, a redelivered event or two counters at
 * once can never make a figure drift; what it costs is one aggregation over the changed slices,
 * which MongoDB answers from the {@code updatedAt} and {@code createdAt} indexes. One replica
 * counts at a time (a lease in the counted document).
 */
@Component
public class CountPass {

  private static final Logger log = LoggerFactory.getLogger(CountPass.class);

  static final Duration WEEK = Duration.ofDays(7);

  /**
   * Changes stamped this long before the last count began are looked at again: each replica stamps
   * {@code updatedAt} with its own clock, and a write may land while a count is reading.
   */
  static final Duration MARGIN = Duration.ofMinutes(1);

  /** Longer than any count takes; a counter that died gives the turn up after this. */
  static final Duration LEASE = Duration.ofMinutes(5);

  private final CountStore counts;
  private final SliceCounter slices;
  private final ReportMetrics metrics;
  private final Duration agesMaxAge;
  private final Duration recountWeekEvery;

  /**
   * When this replica's last whole-week count failed: until {@code recount-week-every} later it
   * counts what changed instead, so a week that cannot be counted (too slow, a bad document) does
   * not freeze the dashboard behind a week count retried every interval.
   */
  private volatile Instant weekFailedAt;

  private final MeterRegistry meters;
  private final Clock clock;

  CountPass(
      CountStore counts,
      SliceCounter slices,
      ReportMetrics metrics,
      ReportProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.counts = counts;
    this.slices = slices;
    this.metrics = metrics;
    // The age gauges' own refresh interval: the oldest PENDING and the last report are the gauges'.
    this.agesMaxAge = properties.metricsInterval();
    this.recountWeekEvery = properties.overview().recountWeekEvery();
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * The changed slices (the whole week the first time and every {@code recount-week-every}); empty
   * when another replica is counting.
   */
  public Mono<Counted> count() {
    return count(false);
  }

  /** The whole week, whatever changed. */
  public Mono<Counted> countWholeWeek() {
    return count(true);
  }

  private Mono<Counted> count(boolean wholeWeek) {
    Instant now = clock.instant();
    Instant from = CountSlice.floor(now.minus(WEEK));
    // A token per count, not per replica: a late finish of an earlier count cannot end this one's
    // turn.
    String counter = UUID.randomUUID().toString();
    Instant failed = weekFailedAt;
    boolean weekFailedLately = failed != null && failed.isAfter(now.minus(recountWeekEvery));
    return counts
        .claim(counter, now, now.plus(LEASE))
        .flatMap(
            previous -> {
              boolean week =
                  wholeWeek
                      || previous.at() == null
                      || (!weekFailedLately
                          && (previous.weekAt() == null
                              || !previous.weekAt().isAfter(now.minus(recountWeekEvery))));
              Mono<Integer> recounted =
                  week
                      ? recountWeek(from, now)
                      : recountChanged(previous.at().minus(MARGIN), from, now);
              long started = System.nanoTime();
              return recounted
                  .flatMap(
                      n ->
                          metrics
                              // Read afresh with the whole week; else as the gauges read them.
                              .ages(week ? Duration.ZERO : agesMaxAge)
                              .map(ages -> counted(now, week, previous, ages, n)))
                  .flatMap(counted -> counts.finish(counter, counted).thenReturn(counted))
                  .doOnSuccess(counted -> timed(week, started))
                  .onErrorResume(
                      e -> {
                        if (week) {
                          weekFailedAt = now;
                        }
                        return counts.release(counter).then(Mono.error(e));
                      })
                  // A count given up by its caller (a request that went away, the schedule's
                  // timeout) gives the turn back too, rather than hold it for the whole lease.
                  .doOnCancel(() -> counts.release(counter).subscribe(v -> {}, e -> {}));
            });
  }

  /** How long counts take, the whole week's apart: what counting costs, for ops and benchmarks. */
  private void timed(boolean week, long started) {
    Timer.builder("parcelbell.report.overview.count")
        .description("One count of the dashboard's figures, from its turn taken to its record")
        .tag("scope", week ? "week" : "changed")
        .register(meters)
        .record(Duration.ofNanos(System.nanoTime() - started));
  }

  private Mono<Integer> recountWeek(Instant from, Instant now) {
    Mono<Set<Instant>> stored =
        counts.slicesFrom(from).map(CountSlice::start).collect(TreeSet::new, Set::add);
    return stored.flatMap(
        existing ->
            slices
                .count(List.of(new Range(from, now.plus(CountSlice.SIZE))))
                .flatMap(found -> write(existing, found, now)));
  }

  private Mono<Integer> recountChanged(Instant since, Instant from, Instant now) {
    return slices
        .changedSince(since, from)
        .flatMap(
            changed ->
                changed.isEmpty()
                    ? Mono.just(0)
                    : slices
                        .count(Range.covering(changed))
                        .flatMap(found -> write(changed, found, now)));
  }

  /**
   * Every slice found, and those asked for and not found (none of theirs left) as zero; each marked
   * with when this count began reading, which is what orders two overlapping counts' results.
   */
  private Mono<Integer> write(
      Set<Instant> asked, Map<Instant, CountSlice> found, Instant countedAt) {
    Set<Instant> all = new TreeSet<>(asked);
    all.addAll(found.keySet());
    return Flux.fromIterable(all)
        .flatMap(
            start ->
                counts.write(
                    found.getOrDefault(start, new CountSlice(start, Map.of(), Map.of())),
                    countedAt),
            8)
        .then(Mono.just(all.size()));
  }

  private Counted counted(
      Instant now, boolean week, Counted previous, ReportMetrics.Ages ages, int slices) {
    log.debug("counted {} slices{}", slices, week ? " (the whole week)" : "");
    return new Counted(
        now, week ? now : previous.weekAt(), ages.oldestPendingSince(), ages.lastReportAt());
  }
}

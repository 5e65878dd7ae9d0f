package io.parcelbell.report.counts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A span of creation times, {@code from} inclusive, {@code until} exclusive. */
record Range(Instant from, Instant until) {

  /** Beyond this many separate spans, one span from the first to the last is asked for instead. */
  static final int MAX = 32;

  /** The fewest spans that cover these slices: adjacent slices make one span. */
  static List<Range> covering(java.util.Set<Instant> slices) {
    SortedSet<Instant> sorted = new TreeSet<>(slices);
    List<Range> ranges = new ArrayList<>();
    for (Instant start : sorted) {
      Instant end = start.plus(CountSlice.SIZE);
      int last = ranges.size() - 1;
      if (last >= 0 && !ranges.get(last).until().isBefore(start)) {
        ranges.set(last, new Range(ranges.get(last).from(), end));
      } else {
        ranges.add(new Range(start, end));
      }
    }
    if (ranges.size() > MAX) {
      return List.of(new Range(ranges.get(0).from(), ranges.get(ranges.size() - 1).until()));
    }
    return ranges;
  }
}

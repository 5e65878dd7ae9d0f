package io.parcelbell.report.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountSliceTest {

  @Test
  void aSliceIsTenMinutesFromAMultipleOfTen() {
    Instant t = Instant.parse("2026-12-02T14:57:31.250Z");
    assertThat(CountSlice.floor(t)).isEqualTo(Instant.parse("2026-12-02T14:50:00Z"));
    assertThat(CountSlice.ceil(t)).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
    Instant exact = Instant.parse("2026-12-02T15:00:00Z");
    assertThat(CountSlice.floor(exact)).isEqualTo(exact);
    assertThat(CountSlice.ceil(exact)).isEqualTo(exact);
    // Before 1970 too: floor, not truncation toward zero.
    assertThat(CountSlice.floor(Instant.parse("1969-12-31T23:59:00Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:50:00Z"));
  }

  @Test
  void readsTheMinuteMongoDbPrintsAsItsSlice() {
    assertThat(CountSlice.fromMinute("2026-12-02T14:59"))
        .isEqualTo(Instant.parse("2026-12-02T14:50:00Z"));
    assertThat(CountSlice.fromMinute("2026-12-02T15:00"))
        .isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
  }

  @Test
  void adjacentSlicesAreAskedForAsOneSpan() {
    Instant a = Instant.parse("2026-12-02T10:00:00Z");
    assertThat(
            Range.covering(
                Set.of(a, a.plus(CountSlice.SIZE), a.plus(CountSlice.SIZE.multipliedBy(3)))))
        .containsExactly(
            new Range(a, a.plus(CountSlice.SIZE.multipliedBy(2))),
            new Range(
                a.plus(CountSlice.SIZE.multipliedBy(3)), a.plus(CountSlice.SIZE.multipliedBy(4))));
  }

  @Test
  void tooManySpansBecomeOneFromTheFirstToTheLast() {
    Instant a = Instant.parse("2026-12-02T10:00:00Z");
    Set<Instant> apart = new java.util.HashSet<>();
    for (int i = 0; i <= Range.MAX; i++) {
      apart.add(a.plus(CountSlice.SIZE.multipliedBy(2L * i)));
    }
    assertThat(Range.covering(apart))
        .containsExactly(new Range(a, a.plus(CountSlice.SIZE.multipliedBy(2L * Range.MAX + 1))));
  }
}

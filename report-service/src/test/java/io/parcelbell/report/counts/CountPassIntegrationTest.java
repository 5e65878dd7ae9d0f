package io.parcelbell.report.counts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's counts against the notifications they count: what a count picks up without
 * recounting the week, and what no overlap of counters can do to them.
 */
@IntegrationTest
class CountPassIntegrationTest {

  @Autowired CountPass pass;
  @Autowired CountStore counts;
  @Autowired NotificationStore store;

  final String run = UUID.randomUUID().toString();

  @Test
  void aCountRecountsTheSliceOfANotificationChangedSinceTheLastOneHoweverOld() {
    Instant now = Instant.now();
    Instant twoDaysAgo = now.minus(Duration.ofDays(2));
    Instant slice = CountSlice.floor(twoDaysAgo);
    // Written two days ago (stamped then), and counted then as PENDING.
    String old = create("old", twoDaysAgo, "64016");
    assertThat(pass.countWholeWeek().block()).isNotNull();
    Map<String, Long> before = states(slice);

    // Settled now: its slice, two days back, is counted again by an ordinary count.
    store
        .moveState(
            old, EnumSet.of(NotificationState.PENDING), NotificationState.DEAD_LETTER, "x", now)
        .block();
    String fresh = create("fresh", now, null);
    Counted counted = pass.count().block();

    assertThat(counted).isNotNull();
    assertThat(counted.weekAt()).as("not the whole week").isBefore(counted.at());
    Map<String, Long> after = states(slice);
    assertThat(after.getOrDefault("DEAD_LETTER", 0L) - before.getOrDefault("DEAD_LETTER", 0L))
        .isEqualTo(1);
    assertThat(after.getOrDefault("PENDING", 0L) - before.getOrDefault("PENDING", 0L))
        .isEqualTo(-1);
    assertThat(slice(CountSlice.floor(now)).states()).containsKey("PENDING");
    assertThat(slice(slice).codes()).containsEntry("64016:" + run, 1L);
    assertThat(fresh).isNotNull();
  }

  @Test
  void aCountWhileAnotherReplicaHoldsTheTurnDoesNothing() {
    Instant now = Instant.now();
    assertThat(pass.count().block()).isNotNull();
    assertThat(counts.claim("another replica", now, now.plus(Duration.ofMinutes(5))).block())
        .isNotNull();
    try {
      assertThat(pass.count().blockOptional()).isEmpty();
    } finally {
      counts.release("another replica").block();
    }
    assertThat(pass.count().block()).isNotNull();
  }

  @Test
  void anEarlierRecountNeverOverwritesALaterOne() {
    Instant start = CountSlice.floor(Instant.now().minus(Duration.ofDays(6)));
    Instant t = Instant.now();
    counts.write(new CountSlice(start, Map.of("SENT", 7L), Map.of()), t).block();
    counts.write(new CountSlice(start, Map.of("SENT", 3L), Map.of()), t.minusSeconds(1)).block();
    assertThat(slice(start).states()).containsEntry("SENT", 7L);
    counts.write(new CountSlice(start, Map.of("SENT", 8L), Map.of()), t.plusSeconds(1)).block();
    assertThat(slice(start).states()).containsEntry("SENT", 8L);
  }

  @Test
  void aCodeIsStoredAsTextWhateverItHolds() {
    Instant start = CountSlice.floor(Instant.now().minus(Duration.ofDays(5)));
    counts.write(new CountSlice(start, Map.of(), Map.of("a.b$c", 2L)), Instant.now()).block();
    assertThat(slice(start).codes()).containsEntry("a.b$c", 2L);
  }

  private Map<String, Long> states(Instant start) {
    return slice(start).states();
  }

  private CountSlice slice(Instant start) {
    return counts.slicesFrom(start).filter(s -> s.start().equals(start)).blockFirst();
  }

  /** A PENDING notification written at {@code at}; with a failed attempt if {@code code}. */
  private String create(String name, Instant at, String code) {
    String id = "cj:" + run + "-" + name + ":DELIVERED";
    var seed = new NotificationSeed(id, "cj", run + "-" + name, "DELIVERED", "ORD-" + run, null);
    store.ensure(seed, NotificationState.PENDING, null, at).block();
    if (code != null) {
      var attempt =
          new AttemptDocument(
              "mk-" + run + name,
              Channel.SMS,
              1,
              "mk-" + run + name,
              AttemptState.FAILED,
              code + ":" + run,
              "failed",
              true,
              at,
              at,
              null);
      store.addAttempt(id, attempt, at).block();
    }
    return id;
  }
}

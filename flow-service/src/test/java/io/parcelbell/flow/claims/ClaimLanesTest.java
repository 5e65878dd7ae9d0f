package io.parcelbell.flow.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ClaimLanesTest {

  private static final int LANES = 4;

  private final Queue<String> due =
      new ConcurrentLinkedQueue<>(IntStream.range(0, 100).mapToObj(i -> "d" + i).toList());
  private final AtomicInteger claimed = new AtomicInteger();
  private final Map<String, Sinks.Empty<Void>> working = new ConcurrentHashMap<>();
  private final ClaimLanes<String> lanes =
      new ClaimLanes<>(
          "test",
          LANES,
          Duration.ofMillis(20),
          n -> Flux.fromStream(due.stream().limit(n)).delayElements(Duration.ofMillis(1)),
          this::claim,
          this::work);

  @AfterEach
  void stop() {
    lanes.stop();
  }

  @Test
  void claimsNoMoreThanTheLanesThatAreFree() throws InterruptedException {
    lanes.start();
    await().until(() -> working.size() == LANES);
    Thread.sleep(200);

    // A claimed item that waits for a lane holds a lease it does not use: there are none.
    assertThat(claimed).hasValue(LANES);

    finish(working.keySet().iterator().next());
    await().until(() -> claimed.get() == LANES + 1);
    Thread.sleep(200);
    assertThat(claimed).hasValue(LANES + 1);
    assertThat(working).hasSize(LANES);
  }

  @Test
  void worksThroughEverythingDueAndLooksAgainWhenNothingIs() {
    lanes.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> finishAll() && claimed.get() == 100);

    due.add("late");
    await().atMost(Duration.ofSeconds(5)).until(() -> finishAll() && claimed.get() == 101);
    assertThat(due).isEmpty();
  }

  /**
   * Lanes that found nothing wait their poll interval (an hour here); something queued meanwhile on
   * this replica nudges them, and they look at once.
   */
  @Test
  void aNudgeEndsTheWaitForTheNextLook() {
    due.clear();
    AtomicInteger looks = new AtomicInteger();
    ClaimLanes<String> patient =
        new ClaimLanes<>(
            "patient",
            LANES,
            Duration.ofHours(1),
            n -> {
              looks.incrementAndGet();
              return Flux.fromStream(due.stream().limit(n));
            },
            this::claim,
            this::work);
    patient.start();
    try {
      await().until(() -> looks.get() == 1);
      due.add("queued");
      // Until the wait has begun, a nudge is lost: nudge until it is heard.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                patient.nudge();
                return claimed.get() == 1;
              });
      assertThat(looks).hasValueGreaterThanOrEqualTo(2);
      assertThat(working).containsOnlyKeys("queued");
    } finally {
      patient.stop();
    }
  }

  @Test
  void aStoreThatFailsIsAPauseNotAnEnd() {
    AtomicInteger failures = new AtomicInteger();
    ClaimLanes<String> flaky =
        new ClaimLanes<>(
            "flaky",
            LANES,
            Duration.ofMillis(20),
            n ->
                failures.incrementAndGet() <= 3
                    ? Flux.error(new IllegalStateException("store away"))
                    : Flux.fromStream(due.stream().limit(n)),
            this::claim,
            item -> Mono.empty());
    try {
      flaky.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> claimed.get() == 100);
      assertThat(flaky.isRunning()).isTrue();
    } finally {
      flaky.stop();
    }
  }

  /**
   * A claim that ends at once (nothing left to wait for) starts the next one from inside its own
   * start: stopping the lanes must cancel that next one, not the claim that already ended.
   */
  @Test
  void stoppingCancelsTheClaimOnItsWayEvenWhenTheOneBeforeItEndedAtOnce() {
    AtomicInteger reads = new AtomicInteger();
    AtomicBoolean secondCancelled = new AtomicBoolean();
    ClaimLanes<String> quick =
        new ClaimLanes<>(
            "quick",
            LANES,
            Duration.ofMillis(20),
            n ->
                reads.incrementAndGet() == 1
                    ? Flux.just("first")
                    : Flux.<String>never().doOnCancel(() -> secondCancelled.set(true)),
            Flux::fromIterable,
            this::work);

    quick.start();
    await().until(() -> reads.get() == 2 && working.containsKey("first"));
    quick.stop();

    assertThat(secondCancelled).isTrue();
  }

  /** Like the stores: one write claims them all, whether or not anyone has asked for them yet. */
  private Flux<String> claim(List<String> ids) {
    return Mono.delay(Duration.ofMillis(2))
        .map(
            tick -> ids.stream().filter(due::remove).peek(id -> claimed.incrementAndGet()).toList())
        .flatMapIterable(items -> items);
  }

  private Mono<Void> work(String item) {
    Sinks.Empty<Void> done = Sinks.empty();
    working.put(item, done);
    return done.asMono();
  }

  private void finish(String item) {
    working.remove(item).tryEmitEmpty();
  }

  private boolean finishAll() {
    working.keySet().forEach(this::finish);
    return true;
  }
}

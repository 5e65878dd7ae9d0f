package io.parcelbell.benchmark;

import java.time.Duration;
import java.util.Map;

/**
 * Load before the measurement until the services' JIT is done with their hot paths: rounds of
 * {@code warmup} items, repeated until {@code warmup-time} (default 120 s) has passed. On two cores
 * the JIT compiles for about two minutes under load (ingest's benchmark measured 90–120 s of
 * compile time); a warm-up of a few seconds left it compiling through the measurement, a quarter to
 * a third of the machine's CPU in the report benchmark's profile, and halved the figures.
 */
public final class WarmUp {

  /** One round of {@code n} items, not measured. */
  @FunctionalInterface
  public interface Round {
    void run(int n) throws Exception;
  }

  private final int perRound;
  private final Duration minimum;

  private WarmUp(int perRound, Duration minimum) {
    this.perRound = perRound;
    this.minimum = minimum;
  }

  /**
   * {@code --warmup} (items a round, {@code defaultPerRound}; 0: none) and {@code --warmup-time}.
   */
  public static WarmUp of(Map<String, String> options, int defaultPerRound) {
    return new WarmUp(
        Integer.parseInt(options.getOrDefault("warmup", String.valueOf(defaultPerRound))),
        Duration.parse("PT" + options.getOrDefault("warmup-time", "120s").toUpperCase()));
  }

  /** Runs rounds until the minimum time has passed (at least one round unless none is asked). */
  public void run(String items, Round round) throws Exception {
    if (perRound <= 0) {
      return;
    }
    System.out.printf(
        "warm-up (not measured): rounds of %d %s for at least %d s%n",
        perRound, items, minimum.toSeconds());
    long start = System.nanoTime();
    int rounds = 0;
    do {
      round.run(perRound);
      rounds++;
    } while (System.nanoTime() - start < minimum.toNanos());
    System.out.printf(
        "warm-up: %d rounds, %d %s in %.0f s%n",
        rounds, rounds * perRound, items, (System.nanoTime() - start) / 1e9);
  }
}

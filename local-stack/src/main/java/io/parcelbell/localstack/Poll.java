package io.parcelbell.localstack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a probe at a fixed interval until it answers or time runs out (readiness, the demo's
 * history).
 */
public final class Poll {

  private Poll() {}

  /**
   * @param probe empty while not there yet; an exception aborts the wait and is rethrown
   * @return the probe's first answer, or empty after {@code timeout}
   */
  public static <T> Optional<T> until(
      Callable<Optional<T>> probe, Duration interval, Duration timeout) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "poll");
              thread.setDaemon(true);
              return thread;
            });
    CompletableFuture<T> answer = new CompletableFuture<>();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            probe.call().ifPresent(answer::complete);
          } catch (Exception e) {
            answer.completeExceptionally(e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } finally {
      scheduler.shutdownNow();
    }
  }
}

package io.parcelbell.flow.claims;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Works through due items continuously: one query finds a batch of due ids, up to {@code
 * concurrency} are claimed and worked on at once, and a finished one's slot takes the next id at
 * once (no batch waits for its slowest member); when a batch runs out the next query runs, and when
 * nothing is due the lanes look again after {@code idle}. Claims are conditional, so an id found
 * twice (by two replicas, or by two queries before its claim) is worked on once.
 */
public final class ClaimLanes {

  private static final Logger log = LoggerFactory.getLogger(ClaimLanes.class);

  private final String name;
  private final int concurrency;
  private final Duration idle;
  private final Function<Integer, Flux<String>> dueIds;
  private final Function<String, Mono<Boolean>> claimAndWork;
  private Disposable running;

  /**
   * @param dueIds up to n due ids, earliest first
   * @param claimAndWork claims the id and works on it; true when it was claimed
   */
  public ClaimLanes(
      String name,
      int concurrency,
      Duration idle,
      Function<Integer, Flux<String>> dueIds,
      Function<String, Mono<Boolean>> claimAndWork) {
    this.name = name;
    this.concurrency = concurrency;
    this.idle = idle;
    this.dueIds = dueIds;
    this.claimAndWork = claimAndWork;
  }

  public synchronized void start() {
    if (running == null || running.isDisposed()) {
      running =
          batches()
              .repeat()
              .flatMap(this::work, concurrency, 1)
              .subscribe(ignored -> {}, e -> log.error("{} lanes stopped", name, e));
    }
  }

  public synchronized void stop() {
    if (running != null) {
      running.dispose();
    }
  }

  public synchronized boolean isRunning() {
    return running != null && !running.isDisposed();
  }

  /** Until nothing is due (a test's second replica): how many were claimed. */
  public Mono<Long> drain() {
    return drainOnce().expand(n -> n > 0 ? drainOnce() : Mono.empty()).reduce(0L, Long::sum);
  }

  private Mono<Long> drainOnce() {
    return Flux.defer(() -> dueIds.apply(concurrency))
        .flatMap(this::work, concurrency)
        .filter(Boolean::booleanValue)
        .count();
  }

  /** One batch of due ids; none due (or the store away): a pause, then an empty batch. */
  private Flux<String> batches() {
    return Flux.defer(() -> dueIds.apply(concurrency))
        .collectList()
        .onErrorResume(
            e -> {
              log.warn("{}: due work not read: {}", name, e.toString());
              return Mono.just(List.of());
            })
        .flatMapMany(
            ids ->
                ids.isEmpty() ? Mono.delay(idle).thenMany(Flux.empty()) : Flux.fromIterable(ids));
  }

  private Mono<Boolean> work(String id) {
    return Mono.defer(() -> claimAndWork.apply(id))
        .onErrorResume(
            e -> {
              log.warn("{} {}: {}", name, id, e.toString());
              return Mono.just(false);
            });
  }
}

package io.parcelbell.flow.claims;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

/**
 * Works through due items continuously: one query finds due ids for the lanes that are free, one
 * conditional write claims all of them that are still due (and one read returns what it claimed),
 * up to {@code concurrency} are worked on at once, and a finished one's slot is filled by the next
 * claim (no batch waits for its slowest member); when nothing is due the lanes look again after
 * {@code idle}, or sooner when {@link #nudge nudged}. Claims are conditional, so an id found twice
 * (by two replicas, or by two queries before its claim) is worked on once.
 *
 * <p>A batch's claim, not one claim per item: the claim was one round trip per item, and those
 * round trips, not the work, were what the flow benchmark measured. Under load the batches stay
 * large by themselves: lanes that free up while a claim is on its way are filled by the next one.
 *
 * <p>Never more claimed than there are free lanes: a claimed item that waits for a lane holds a
 * lease it is not using, and if the lease lapses before its work starts, another replica claims it
 * too and a webhook may be sent twice.
 *
 * @param <T> a claimed item
 */
public final class ClaimLanes<T> {

  private static final Logger log = LoggerFactory.getLogger(ClaimLanes.class);

  private final String name;
  private final int concurrency;
  private final Duration idle;
  private final Function<Integer, Flux<String>> dueIds;
  private final Function<List<String>, Flux<T>> claim;
  private final Function<T, Mono<Void>> work;
  private Disposable running;

  /**
   * Cut short a wait for the next look (best effort: one sent just before a wait starts is lost).
   */
  private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();

  /**
   * @param dueIds up to n due ids, earliest first
   * @param claim claims those of the ids that are still due, each under this claim's own token;
   *     emits the items it claimed (none that another claim holds)
   * @param work works on one claimed item
   */
  public ClaimLanes(
      String name,
      int concurrency,
      Duration idle,
      Function<Integer, Flux<String>> dueIds,
      Function<List<String>, Flux<T>> claim,
      Function<T, Mono<Void>> work) {
    this.name = name;
    this.concurrency = concurrency;
    this.idle = idle;
    this.dueIds = dueIds;
    this.claim = claim;
    this.work = work;
  }

  public synchronized void start() {
    if (running == null || running.isDisposed()) {
      // flatMap asks for one more item each time a lane frees up, and only then is one claimed.
      running =
          Flux.<T>create(sink -> new Claimer(sink).listen())
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

  /**
   * Something became due here and now (this replica just queued it): if the lanes are waiting
   * because nothing was due, they look at once. Without it a delivery queued by a run step waited
   * up to another poll interval after the run's own: two serial intervals, and a timer's delivery
   * up to two seconds late with the default of 1 s. A nudge that comes while a look is on its way
   * changes nothing; one that comes just before a wait starts is lost, and that item is found by
   * the next look as before.
   */
  public void nudge() {
    nudges.tryEmitNext(Boolean.TRUE);
  }

  /** Until nothing is due (a test's second replica): how many were claimed. */
  public Mono<Long> drain() {
    return drainOnce().expand(n -> n > 0 ? drainOnce() : Mono.empty()).reduce(0L, Long::sum);
  }

  private Mono<Long> drainOnce() {
    return Flux.defer(() -> dueIds.apply(concurrency))
        .collectList()
        .flatMapMany(this::claimed)
        .flatMap(this::work, concurrency)
        .count();
  }

  private Flux<T> claimed(List<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return Flux.defer(() -> claim.apply(ids))
        .onErrorResume(
            e -> {
              // Claimed or not, nothing is lost: what this claim holds lapses and is due again.
              log.warn("{}: {} due items not claimed: {}", name, ids.size(), e.toString());
              return Mono.delay(idle).thenMany(Flux.empty());
            });
  }

  private Mono<Boolean> work(T item) {
    return Mono.defer(() -> work.apply(item))
        .thenReturn(true)
        .onErrorResume(
            e -> {
              // Not the item: it may hold personal data. The work logs its own failures.
              log.warn("{}: work failed: {}", name, e.toString());
              return Mono.just(false);
            });
  }

  /**
   * Claims as many items as the lanes have asked for, one claim at a time: a claim on its way while
   * lanes free up is followed by one for them; nothing due, or the store away, is a pause.
   */
  private final class Claimer {

    private final FluxSink<T> sink;
    private final AtomicLong wanted = new AtomicLong();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Disposable current = Mono.never().subscribe();

    Claimer(FluxSink<T> sink) {
      this.sink = sink;
    }

    void listen() {
      sink.onRequest(
          n -> {
            wanted.accumulateAndGet(n, Operators::addCap);
            claimNext();
          });
      sink.onDispose(
          () -> {
            stopped = true;
            current.dispose();
          });
    }

    private void claimNext() {
      // Whoever sees lanes wanted and no claim on its way starts one; the other one backs off.
      if (stopped || wanted.get() == 0 || !claiming.compareAndSet(false, true)) {
        return;
      }
      int lanes = (int) Math.min(wanted.get(), concurrency);
      Flux<T> claim =
          Flux.defer(() -> dueIds.apply(lanes))
              .collectList()
              .onErrorResume(
                  e -> {
                    log.warn("{}: due work not read: {}", name, e.toString());
                    return Mono.just(List.of());
                  })
              .flatMapMany(
                  ids ->
                      ids.isEmpty()
                          ? Mono.firstWithSignal(
                                  Mono.delay(idle).then(), nudges.asFlux().next().then())
                              .thenMany(Flux.<T>empty())
                          : claimed(ids.size() > lanes ? ids.subList(0, lanes) : ids));
      // Known as the current claim before it starts: a claim that ends at once starts the next
      // one from inside subscribe(), and that one must stay the one a stop cancels.
      var subscriber =
          new BaseSubscriber<T>() {
            @Override
            protected void hookOnNext(T item) {
              handOver(item);
            }

            @Override
            protected void hookOnError(Throwable e) {
              failed(e);
            }

            @Override
            protected void hookOnComplete() {
              done();
            }
          };
      current = subscriber;
      claim.subscribe(subscriber);
    }

    private void handOver(T item) {
      wanted.decrementAndGet();
      sink.next(item);
    }

    private void failed(Throwable e) {
      log.warn("{}: claim failed: {}", name, e.toString());
      Mono.delay(idle).subscribe(ignored -> done());
    }

    private void done() {
      claiming.set(false);
      claimNext();
    }
  }
}

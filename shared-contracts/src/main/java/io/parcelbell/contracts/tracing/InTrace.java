package io.parcelbell.contracts.tracing;

import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.observability.SignalListener;
import reactor.core.publisher.Mono;

/**
 * Side effects that need the trace of the record or request being worked on: log lines (the MDC's
 * traceId/spanId) and sends that carry the trace on (KafkaTemplate's observation takes the current
 * one as its parent).
 *
 * <p>The services run {@code spring.reactor.context-propagation: limited}: the trace lives in
 * Reactor's context and is put on the running thread only by {@code handle()} and {@code tap()}.
 * "auto" put it there around every operator of every record instead, and that restore was about a
 * tenth of the notifier's and report-service's CPU in the end-to-end benchmark. So code that logs
 * or sends runs through here; code that does neither costs nothing for the trace.
 */
public final class InTrace {

  private InTrace() {}

  /**
   * For {@code tap()}: {@code action} with the value, or with null when the Mono completes empty.
   */
  public static <T> Supplier<SignalListener<T>> onSuccess(Consumer<? super T> action) {
    return () ->
        new DefaultSignalListener<>() {
          private boolean seen;

          @Override
          public void doOnNext(T value) {
            seen = true;
            action.accept(value);
          }

          @Override
          public void doOnComplete() {
            if (!seen) {
              action.accept(null);
            }
          }
        };
  }

  /** For {@code tap()}: {@code action} with each value. */
  public static <T> Supplier<SignalListener<T>> onNext(Consumer<? super T> action) {
    return () ->
        new DefaultSignalListener<>() {
          @Override
          public void doOnNext(T value) {
            action.accept(value);
          }
        };
  }

  /** For {@code tap()}: {@code action} with the error. */
  public static <T> Supplier<SignalListener<T>> onError(Consumer<? super Throwable> action) {
    return () ->
        new DefaultSignalListener<>() {
          @Override
          public void doOnError(Throwable error) {
            action.accept(error);
          }
        };
  }

  /** {@code action} when subscribed, then empty: a log line as a step of a chain. */
  public static <T> Mono<T> run(Runnable action) {
    return Mono.just(Boolean.TRUE)
        .<T>handle(
            (ignored, sink) -> {
              action.run();
              sink.complete();
            });
  }

  /** {@code supplier}'s Mono, asked for with the trace current: a send that carries it on. */
  public static <T> Mono<T> call(Supplier<? extends Mono<T>> supplier) {
    return Mono.just(Boolean.TRUE)
        .<Mono<T>>handle((ignored, sink) -> sink.next(supplier.get()))
        .flatMap(mono -> mono);
  }
}

package io.parcelbell.ingest.webhook;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.springframework.lang.Nullable;
import reactor.util.context.ContextView;

/**
 * Writes the webhook request's trace into a record's headers, W3C {@code traceparent}, so
 * notifier's and report's logs continue the webhook's trace id.
 *
 * <p>The trace is read from Reactor's context, where WebFlux put the request's observation, not
 * from the thread: making it current on the send thread (Reactor's {@code handle()}) restores the
 * observation's scope and the MDC for every webhook, about 2 % of ingest's CPU. And instead of
 * KafkaTemplate's observation, which does the same plus a producer span per record: spans are not
 * sampled or exported here, and that span's start, scope and stop were a tenth of ingest's CPU.
 */
class TraceHeaders {

  /** Without tracing (management.tracing.enabled=false): records carry no trace headers. */
  static final TraceHeaders NONE = new TraceHeaders(null);

  private final Propagator propagator;

  TraceHeaders(@Nullable Propagator propagator) {
    this.propagator = propagator;
  }

  /**
   * The trace of the request this Reactor context belongs to: the span that micrometer-tracing
   * keeps in the HTTP server observation's context. Null outside a traced request.
   */
  @Nullable
  TraceContext of(ContextView reactorContext) {
    if (propagator == null) {
      return null;
    }
    Observation observation = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    if (observation == null) {
      return null;
    }
    TracingContext tracing = observation.getContextView().get(TracingContext.class);
    Span span = tracing == null ? null : tracing.getSpan();
    return span == null ? null : span.context();
  }

  void inject(@Nullable TraceContext trace, Headers headers) {
    if (trace == null || propagator == null) {
      return;
    }
    propagator.inject(
        trace,
        headers,
        (carrier, key, value) ->
            carrier.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
  }
}

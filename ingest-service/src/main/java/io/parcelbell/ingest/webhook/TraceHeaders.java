package io.parcelbell.ingest.webhook;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Writes the current trace context (the webhook request's) into a record's headers, W3C {@code
 * traceparent}, so notifier's and report's logs continue the webhook's trace id.
 *
 * <p>Instead of KafkaTemplate's observation, which does the same plus a producer span per record:
 * spans are not sampled or exported here, and that span's start, scope and stop were a tenth of
 * ingest's CPU per webhook in the benchmark.
 */
class TraceHeaders {

  /** Without tracing (management.tracing.enabled=false): records carry no trace headers. */
  static final TraceHeaders NONE = new TraceHeaders(null, null);

  private final Tracer tracer;
  private final Propagator propagator;

  TraceHeaders(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Call where the request's trace is current: in Reactor's handle() ("limited" propagation). */
  void inject(Headers headers) {
    if (tracer == null || propagator == null) {
      return;
    }
    TraceContext context = tracer.currentTraceContext().context();
    if (context != null) {
      propagator.inject(
          context,
          headers,
          (carrier, key, value) ->
              carrier.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
    }
  }
}

package io.parcelbell.flow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * flow-service's own metrics (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code parcelbell.flow.delivery.attempts} [{@code parcelbell_flow_delivery_attempts_total}]
 *       by {@code verdict} (DELIVERED, RETRY, FAILED, DISABLE_DESTINATION) and {@code destination}
 *       (its id: never the URL, which can be a credential);
 *   <li>{@code parcelbell.flow.deliveries.ended} [{@code _total}] by {@code outcome} (SUCCEEDED,
 *       FAILED, EXHAUSTED) and {@code destination};
 *   <li>{@code parcelbell.flow.delivery.latency} [{@code parcelbell_flow_delivery_latency_seconds}]
 *       per attempt, by {@code destination};
 *   <li>gauges read from MongoDB every 30 s: {@code parcelbell.flow.runs.waiting}, {@code
 *       parcelbell.flow.runs.due.lateness} (seconds the oldest due run has waited past its time),
 *       {@code parcelbell.flow.destinations.disabled}.
 * </ul>
 */
@Component
public class FlowMetrics {

  private final MeterRegistry meters;
  private final Clock clock;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong disabled = new AtomicLong();
  private final AtomicReference<Instant> oldestDue = new AtomicReference<>();

  FlowMetrics(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    Gauge.builder("parcelbell.flow.runs.waiting", waiting, AtomicLong::get)
        .description("Runs waiting for a delay or their first step")
        .register(meters);
    Gauge.builder("parcelbell.flow.runs.due.lateness", this, FlowMetrics::lateness)
        .description("Seconds the oldest due run has waited past its due time (0: none late)")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("parcelbell.flow.destinations.disabled", disabled, AtomicLong::get)
        .description("Destinations disabled (by an admin, a 410, or days of failures)")
        .register(meters);
  }

  public void attempted(String destinationId, String verdict, Duration latency) {
    Counter.builder("parcelbell.flow.delivery.attempts")
        .description("Delivery attempts by verdict")
        .tag("verdict", verdict)
        .tag("destination", destinationId)
        .register(meters)
        .increment();
    Timer.builder("parcelbell.flow.delivery.latency")
        .description("Time to a delivery attempt's answer (or its failure)")
        .tag("destination", destinationId)
        .register(meters)
        .record(latency);
  }

  public void ended(String destinationId, String outcome) {
    Counter.builder("parcelbell.flow.deliveries.ended")
        .description("Deliveries that ended, by outcome")
        .tag("outcome", outcome)
        .tag("destination", destinationId)
        .register(meters)
        .increment();
  }

  /** The gauges' latest reading. */
  public void observed(long waitingRuns, Instant oldestDueRun, long disabledDestinations) {
    waiting.set(waitingRuns);
    oldestDue.set(oldestDueRun);
    disabled.set(disabledDestinations);
  }

  private double lateness() {
    Instant due = oldestDue.get();
    if (due == null) {
      return 0;
    }
    return Math.max(0, Duration.between(due, clock.instant()).toMillis() / 1000.0);
  }
}

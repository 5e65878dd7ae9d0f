package io.parcelbell.flow.runs;

import io.parcelbell.flow.claims.ClaimLanes;
import io.parcelbell.flow.config.FlowProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries due runs forward, {@code parcelbell.flow.concurrency} at once per replica, continuously
 * ({@link ClaimLanes}). Each run is claimed by one replica (a conditional update with a token per
 * claim; a replica that dies leaves its claim to lapse after {@code parcelbell.flow.lease}), so
 * with several replicas every due run continues exactly once. A run that fails {@link #MAX_CLAIMS}
 * claims in a row without moving (an event this build no longer reads) ends FAILED with the error
 * instead of being claimed forever.
 */
@Component
class RunWorker implements SmartLifecycle {

  static final int MAX_CLAIMS = 10;

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

  private final RunStore runs;
  private final StepRunner steps;
  private final FlowProperties properties;
  private final Clock clock;
  private final String owner = "runs-" + UUID.randomUUID();
  private final ClaimLanes<RunDocument> lanes;

  RunWorker(RunStore runs, StepRunner steps, FlowProperties properties, Clock clock) {
    this.runs = runs;
    this.steps = steps;
    this.properties = properties;
    this.clock = clock;
    this.lanes =
        new ClaimLanes<>(
            "runs",
            properties.concurrency(),
            properties.pollInterval(),
            n -> runs.dueIds(clock.instant(), n),
            this::claimAll,
            this::advance);
  }

  @Override
  public void start() {
    lanes.start();
  }

  @Override
  public void stop() {
    lanes.stop();
  }

  @Override
  public boolean isRunning() {
    return lanes.isRunning();
  }

  /** Until no run is due: a second replica's worker in a test. */
  Mono<Long> drain() {
    return lanes.drain();
  }

  private Flux<RunDocument> claimAll(List<String> ids) {
    Instant now = clock.instant();
    // A token per claim, not per replica: a late write of an earlier claim cannot touch this one.
    return runs.claimAll(ids, owner + ":" + UUID.randomUUID(), now, now.plus(properties.lease()));
  }

  private Mono<Void> advance(RunDocument run) {
    return steps
        .run(run)
        .onErrorResume(
            e -> {
              if (run.claims() >= MAX_CLAIMS) {
                log.error("run {} cannot be carried out; FAILED", run.id(), e);
                return steps.fail(run, "cannot be carried out: " + e);
              }
              // MongoDB away, most likely: the claim lapses, the run is due again then.
              log.warn("run {} not advanced: {}", run.id(), e.toString());
              return Mono.empty();
            })
        .onErrorResume(e -> Mono.empty());
  }
}

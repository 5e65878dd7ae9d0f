package io.parcelbell.flow.runs;

import io.parcelbell.flow.config.FlowProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries due runs forward, {@code parcelbell.flow.concurrency} at once per replica. Each run is
 * claimed by one replica (a conditional update; a replica that dies leaves its claim to lapse after
 * {@code parcelbell.flow.lease}), so with several replicas every due run continues exactly once. A
 * round that found as many as it could take is followed by the next at once: a backlog drains at
 * full speed, an idle service polls every {@code parcelbell.flow.poll-interval}.
 */
@Component
class RunWorker {

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

  private final RunStore runs;
  private final StepRunner steps;
  private final FlowProperties properties;
  private final Clock clock;
  private final String owner = "runs-" + UUID.randomUUID();

  RunWorker(RunStore runs, StepRunner steps, FlowProperties properties, Clock clock) {
    this.runs = runs;
    this.steps = steps;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${parcelbell.flow.poll-interval:1s}")
  void work() {
    try {
      long moved;
      do {
        moved = round().block(Duration.ofMinutes(2));
      } while (moved >= properties.concurrency());
    } catch (RuntimeException e) {
      log.warn("run round interrupted: {}; next round in the next interval", e.toString());
    }
  }

  /** Claims and carries forward up to {@code concurrency} due runs; how many were claimed. */
  Mono<Long> round() {
    int n = properties.concurrency();
    return Flux.range(0, n)
        .flatMap(
            i -> {
              Instant now = clock.instant();
              return runs.claimDue(owner, now, now.plus(properties.lease()))
                  .flatMap(
                      run ->
                          steps
                              .run(run)
                              .onErrorResume(
                                  e -> {
                                    // MongoDB away: the claim lapses, the run is due again then.
                                    log.warn("run {} not advanced: {}", run.id(), e.toString());
                                    return Mono.empty();
                                  })
                              .thenReturn(run));
            },
            n)
        .count();
  }
}

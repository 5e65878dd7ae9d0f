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
 * Carries due runs forward: {@code parcelbell.flow.concurrency} lanes per replica, each claiming
 * the next due run as soon as its last one moved (no round waits for its slowest run). Each run is
 * claimed by one replica (a conditional update; a replica that dies leaves its claim to lapse after
 * {@code parcelbell.flow.lease}), so with several replicas every due run continues exactly once. A
 * run that fails {@link #MAX_CLAIMS} claims in a row without moving (an event this build no longer
 * reads) ends FAILED with the error instead of being claimed forever.
 */
@Component
class RunWorker {

  static final int MAX_CLAIMS = 10;

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
      drain().block(Duration.ofHours(1));
    } catch (RuntimeException e) {
      log.warn("runs interrupted: {}; next pass in the next interval", e.toString());
    }
  }

  /** Every lane claims and advances runs until none is due; how many were claimed. */
  Mono<Long> drain() {
    int lanes = properties.concurrency();
    return Flux.range(0, lanes)
        .flatMap(
            lane -> Mono.defer(this::next).repeat().takeWhile(Boolean::booleanValue).count(), lanes)
        .reduce(0L, Long::sum);
  }

  private Mono<Boolean> next() {
    Instant now = clock.instant();
    return runs.claimDue(owner, now, now.plus(properties.lease()))
        .flatMap(run -> advance(run).thenReturn(true))
        .defaultIfEmpty(false)
        .onErrorResume(
            e -> {
              log.warn("no run claimed: {}", e.toString());
              return Mono.just(false);
            });
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

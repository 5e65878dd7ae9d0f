package io.parcelbell.flow.delivery;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.parcelbell.contracts.events.FlowDeliveryChanged;
import io.parcelbell.contracts.events.FlowDeliveryOutcome;
import io.parcelbell.flow.activity.ActivityPublisher;
import io.parcelbell.flow.activity.PendingActivity;
import io.parcelbell.flow.claims.ClaimLanes;
import io.parcelbell.flow.config.FlowProperties;
import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.destinations.DestinationEnabled;
import io.parcelbell.flow.destinations.DestinationStore;
import io.parcelbell.flow.destinations.SecretCipher;
import io.parcelbell.flow.metrics.FlowMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due deliveries, {@code parcelbell.flow.concurrency} at once per replica, continuously
 * ({@link ClaimLanes}), each delivery claimed by one replica at a time. An attempt is signed afresh
 * (Standard Webhooks; during a rotation with both secrets), judged ({@link Verdict}), recorded, and
 * rescheduled on the {@link RetrySchedule}; a delivery that ends is announced on the activity
 * topic. A destination's health follows: a delivered attempt clears its failure record; a 410
 * disables it at once, and so do {@code disable-after} (5 days) of nothing but failures. Deliveries
 * to a disabled destination are parked, untried, and go out once an admin enables it; over the
 * destination's rate limit they wait their turn. One that cannot even be attempted {@link
 * #MAX_CLAIMS} times in a row (a secret that no longer decrypts) ends FAILED with the error rather
 * than being claimed forever.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

  static final int MAX_CLAIMS = 10;

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

  private final DeliveryStore deliveries;
  private final DestinationStore destinations;
  private final SecretCipher cipher;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final ActivityPublisher activity;
  private final FlowMetrics metrics;
  private final FlowProperties properties;
  private final Clock clock;
  private final String owner = "delivery-" + UUID.randomUUID();
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final ClaimLanes<DeliveryDocument> lanes;

  /** Per destination: when the current second began, and how many were turned away in it. */
  private final Map<String, long[]> turnedAway = new ConcurrentHashMap<>();

  /** Public so that a test can run a second replica's worker beside the service's own. */
  public DeliveryWorker(
      DeliveryStore deliveries,
      DestinationStore destinations,
      SecretCipher cipher,
      WebhookSender sender,
      RetrySchedule schedule,
      ActivityPublisher activity,
      FlowMetrics metrics,
      FlowProperties properties,
      Clock clock) {
    this.deliveries = deliveries;
    this.destinations = destinations;
    this.cipher = cipher;
    this.sender = sender;
    this.schedule = schedule;
    this.activity = activity;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    this.lanes =
        new ClaimLanes<>(
            "deliveries",
            properties.concurrency(),
            properties.pollInterval(),
            n -> deliveries.dueIds(clock.instant(), n),
            this::claimAll,
            this::attempt);
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

  /** Until no delivery is due: a second replica's worker in a test. */
  public Mono<Long> drain() {
    return lanes.drain();
  }

  private Flux<DeliveryDocument> claimAll(List<String> ids) {
    Instant now = clock.instant();
    Instant lease = now.plus(properties.deliveryTimeout()).plus(properties.lease());
    // A token per claim, not per replica: a late write of an earlier claim cannot touch this one.
    return deliveries.claimAll(ids, owner + ":" + UUID.randomUUID(), now, lease);
  }

  private Mono<Void> attempt(DeliveryDocument delivery) {
    // The destination decides; each branch completes empty, so "no destination" is told apart by
    // the lookup itself, not by an empty result at the end.
    return destinations
        .findForDelivery(delivery.destinationId())
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return end(delivery, "the destination is gone");
              }
              DestinationDocument destination = found.get();
              Instant now = clock.instant();
              if (!destination.enabled()) {
                // Enabled between our read and the park: its release may have run before we parked,
                // so look again and release what we parked.
                return deliveries
                    .park(delivery, now)
                    .then(destinations.find(destination.id()))
                    .filter(DestinationDocument::enabled)
                    .flatMap(enabled -> deliveries.releaseParked(enabled.id(), clock.instant()))
                    .then();
              }
              if (destination.rateLimitPerSecond() != null
                  && !limiterOf(destination).acquirePermission()) {
                return deliveries
                    .postpone(delivery, now.plus(overLimitWait(destination)), now)
                    .then();
              }
              return send(delivery, destination, now);
            })
        .onErrorResume(
            e -> {
              if (delivery.claims() >= MAX_CLAIMS) {
                log.error("delivery {} could not be attempted; FAILED", delivery.id(), e);
                return end(delivery, "could not be attempted: " + e);
              }
              // MongoDB away, most likely: the claim lapses and it is due again after its lease.
              log.warn("delivery {} not attempted: {}", delivery.id(), e.toString());
              return Mono.empty();
            });
  }

  /**
   * How long a delivery over its destination's rate waits before it is looked at again: its place
   * among those turned away in the last second, divided by the rate (so a backlog of thousands is
   * spread out at the rate it can be sent, instead of every one of them being claimed and put back
   * every second), at least a second, with a little jitter.
   */
  private Duration overLimitWait(DestinationDocument destination) {
    long now = System.nanoTime();
    long place =
        turnedAway
            .compute(
                destination.id(),
                (id, window) ->
                    window == null || now - window[0] > 1_000_000_000L
                        ? new long[] {now, 1}
                        : new long[] {window[0], window[1] + 1})[1];
    long millis = Math.max(1000L, place * 1000L / destination.rateLimitPerSecond());
    return Duration.ofMillis(
        millis + java.util.concurrent.ThreadLocalRandom.current().nextLong(200));
  }

  /** The destination's limiter (this replica's share), rebuilt when its rate was changed. */
  private RateLimiter limiterOf(DestinationDocument destination) {
    int rate = destination.rateLimitPerSecond();
    return limiters.compute(
        destination.id(),
        (id, limiter) ->
            limiter != null && limiter.getRateLimiterConfig().getLimitForPeriod() == rate
                ? limiter
                : RateLimiter.of(
                    id,
                    RateLimiterConfig.custom()
                        .limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build()));
  }

  /** Ends a delivery without an answer (FAILED), recorded as an attempt with the error. */
  private Mono<Void> end(DeliveryDocument delivery, String error) {
    Instant now = clock.instant();
    var attempt =
        new DeliveryDocument.Attempt(delivery.attemptCount() + 1, now, null, 0, null, error);
    List<PendingActivity> ended =
        List.of(
            ended(delivery, DeliveryState.FAILED, delivery.attemptCount() + 1, null, error, now));
    return deliveries
        .attempted(delivery, attempt, DeliveryState.FAILED, null, ended, now)
        .flatMap(done -> done ? publish(delivery, ended) : Mono.empty());
  }

  private Mono<Void> send(DeliveryDocument delivery, DestinationDocument destination, Instant at) {
    HttpHeaders headers =
        SignedHeaders.of(
            destination, cipher, delivery.headers(), delivery.webhookId(), delivery.body(), at);
    URI url = URI.create(cipher.decrypt(destination.url()));
    return sender
        .send(url, headers, delivery.body())
        .flatMap(sent -> record(delivery, destination, at, sent));
  }

  private Mono<Void> record(
      DeliveryDocument delivery,
      DestinationDocument destination,
      Instant at,
      WebhookSender.Sent sent) {
    Instant now = clock.instant();
    int number = delivery.attemptCount() + 1;
    Verdict verdict = Verdict.of(sent.result());
    var attempt =
        new DeliveryDocument.Attempt(
            number,
            at,
            sent.result().status(),
            sent.latencyMs(),
            sent.responseBody(),
            sent.result().error());
    DeliveryState state;
    Instant next = null;
    switch (verdict) {
      case DELIVERED:
        state = DeliveryState.DELIVERED;
        break;
      case RETRY:
        // Counted from the schedule's start: a replayed delivery gets the whole schedule again.
        next =
            schedule
                .nextAttemptAt(number - delivery.scheduleBase(), now, sent.result())
                .orElse(null);
        state = next == null ? DeliveryState.EXHAUSTED : DeliveryState.PENDING;
        break;
      default:
        state = DeliveryState.FAILED;
    }
    metrics.attempted(destination.id(), verdict.name(), Duration.ofMillis(sent.latencyMs()));
    List<PendingActivity> ended =
        state == DeliveryState.PENDING
            ? List.of()
            : List.of(
                ended(delivery, state, number, sent.result().status(), sent.result().error(), now));
    return deliveries
        .attempted(delivery, attempt, state, next, ended, now)
        .flatMap(done -> done && !ended.isEmpty() ? publish(delivery, ended) : Mono.empty())
        .then(health(destination, verdict, now));
  }

  private Mono<Void> publish(DeliveryDocument delivery, List<PendingActivity> ended) {
    ended.forEach(
        pending ->
            metrics.ended(
                delivery.destinationId(),
                ((FlowDeliveryChanged) pending.event()).outcome().name()));
    return activity.publish(DeliveryDocument.COLLECTION, delivery.id(), ended);
  }

  private static PendingActivity ended(
      DeliveryDocument delivery,
      DeliveryState state,
      int attempts,
      Integer status,
      String error,
      Instant at) {
    FlowDeliveryOutcome outcome =
        switch (state) {
          case DELIVERED -> FlowDeliveryOutcome.SUCCEEDED;
          case EXHAUSTED -> FlowDeliveryOutcome.EXHAUSTED;
          default -> FlowDeliveryOutcome.FAILED;
        };
    String key = delivery.shipmentKey() == null ? "?:?" : delivery.shipmentKey();
    int colon = key.indexOf(':');
    return PendingActivity.of(
        new FlowDeliveryChanged(
            delivery.id() + ":" + outcome + ":" + attempts,
            delivery.id(),
            delivery.webhookId(),
            delivery.runId(),
            delivery.flowId(),
            delivery.destinationId(),
            key.substring(0, colon),
            key.substring(colon + 1),
            outcome,
            attempts,
            status,
            error,
            at));
  }

  private Mono<Void> health(DestinationDocument destination, Verdict verdict, Instant now) {
    if (verdict == Verdict.DELIVERED) {
      return destination.failingSince() == null
          ? Mono.empty()
          : destinations.healthy(destination.id());
    }
    if (verdict == Verdict.DISABLE_DESTINATION) {
      return destinations
          .disable(destination.id(), "the receiver answered 410 Gone", now)
          .doOnNext(d -> log.warn("destination {} disabled: it answered 410 Gone", d.id()))
          .then();
    }
    Mono<Void> failing =
        destination.failingSince() == null
            ? destinations.failing(destination.id(), now)
            : Mono.empty();
    var record = new DestinationHealth(destination.failingSince()).after(verdict, now);
    if (!record.disable(verdict, now, properties.disableAfter())) {
      return failing;
    }
    // Only if it is still failing since then: another replica's delivered attempt may have
    // cleared the record meanwhile.
    return failing.then(
        destinations
            .disableIfFailingSince(
                destination.id(),
                now.minus(properties.disableAfter()),
                "every delivery failed for " + properties.disableAfter().toDays() + " days",
                now)
            .doOnNext(d -> log.warn("destination {} disabled: {}", d.id(), d.disabledReason()))
            .then());
  }

  /** A run step queued a delivery due at once: the lanes look now if they were waiting. */
  @EventListener
  void queued(DeliveryQueued queued) {
    lanes.nudge();
  }

  /** An admin enabled a destination: its parked deliveries go out now. */
  @EventListener
  void released(DestinationEnabled enabled) {
    deliveries
        .releaseParked(enabled.destinationId(), clock.instant())
        .subscribe(
            n -> log.info("{} parked deliveries to {} are due again", n, enabled.destinationId()),
            e ->
                log.warn(
                    "parked deliveries to {} not released: {}",
                    enabled.destinationId(),
                    e.toString()));
  }
}

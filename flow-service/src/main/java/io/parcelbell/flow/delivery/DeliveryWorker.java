package io.parcelbell.flow.delivery;

import io.parcelbell.flow.config.FlowProperties;
import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.destinations.DestinationStore;
import io.parcelbell.flow.destinations.SecretCipher;
import io.parcelbell.flow.signing.DestinationSecrets;
import io.parcelbell.flow.signing.SigningSecret;
import io.parcelbell.flow.signing.WebhookSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due deliveries, {@code parcelbell.flow.concurrency} at once per replica, each claimed by
 * one replica at a time. An attempt is signed afresh (Standard Webhooks; during a rotation with
 * both secrets), judged ({@link Verdict}), recorded, and rescheduled on the {@link RetrySchedule}.
 * A destination's health follows: a delivered attempt clears its failure record; a 410 disables it
 * at once, and so do {@code disable-after} (5 days) of nothing but failures. Deliveries to a
 * disabled destination wait, untried, and go out once an admin enables it again.
 */
@Component
class DeliveryWorker {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final Duration DISABLED_RECHECK = Duration.ofMinutes(1);

  private final DeliveryStore deliveries;
  private final DestinationStore destinations;
  private final SecretCipher cipher;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final FlowProperties properties;
  private final Clock clock;
  private final String owner = "delivery-" + UUID.randomUUID();

  DeliveryWorker(
      DeliveryStore deliveries,
      DestinationStore destinations,
      SecretCipher cipher,
      WebhookSender sender,
      RetrySchedule schedule,
      FlowProperties properties,
      Clock clock) {
    this.deliveries = deliveries;
    this.destinations = destinations;
    this.cipher = cipher;
    this.sender = sender;
    this.schedule = schedule;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${parcelbell.flow.poll-interval:1s}")
  void work() {
    try {
      long sent;
      do {
        sent = round().block(properties.deliveryTimeout().multipliedBy(4));
      } while (sent >= properties.concurrency());
    } catch (RuntimeException e) {
      log.warn("delivery round interrupted: {}; next round in the next interval", e.toString());
    }
  }

  /** Claims and sends up to {@code concurrency} deliveries; how many were claimed. */
  Mono<Long> round() {
    int n = properties.concurrency();
    return Flux.range(0, n)
        .flatMap(
            i -> {
              Instant now = clock.instant();
              Instant lease = now.plus(properties.deliveryTimeout()).plus(properties.lease());
              return deliveries.claimDue(owner, now, lease).flatMap(d -> attempt(d).thenReturn(d));
            },
            n)
        .count();
  }

  private Mono<Void> attempt(DeliveryDocument delivery) {
    return destinations
        .find(delivery.destinationId())
        .flatMap(
            destination -> {
              Instant now = clock.instant();
              if (!destination.enabled()) {
                return deliveries.postpone(delivery, now.plus(DISABLED_RECHECK), now).then();
              }
              return send(delivery, destination, now);
            })
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  Instant now = clock.instant();
                  var attempt =
                      new DeliveryDocument.Attempt(
                          delivery.attemptCount() + 1,
                          now,
                          null,
                          0,
                          null,
                          "the destination is gone");
                  return deliveries
                      .attempted(delivery, attempt, DeliveryState.FAILED, null, now)
                      .then();
                }))
        .onErrorResume(
            e -> {
              // MongoDB away: the claim lapses and the delivery is due again after its lease.
              log.warn("delivery {} not attempted: {}", delivery.id(), e.toString());
              return Mono.empty();
            });
  }

  private Mono<Void> send(DeliveryDocument delivery, DestinationDocument destination, Instant at) {
    var secrets =
        new DestinationSecrets(
            SigningSecret.parse(cipher.decrypt(destination.secret())),
            destination.previousSecret() == null
                ? null
                : SigningSecret.parse(cipher.decrypt(destination.previousSecret())),
            destination.previousSecretUntil());
    var signed =
        WebhookSigner.sign(delivery.webhookId(), at, delivery.body(), secrets.signingAt(at));
    HttpHeaders headers = new HttpHeaders();
    if (destination.headers() != null) {
      destination.headers().forEach(h -> headers.set(h.name(), cipher.decrypt(h.value())));
    }
    delivery.headers().forEach(h -> headers.set(h.name(), h.value()));
    headers.set("webhook-id", signed.webhookId());
    headers.set("webhook-timestamp", signed.webhookTimestamp());
    headers.set("webhook-signature", signed.webhookSignature());
    headers.set(HttpHeaders.USER_AGENT, "parcelbell-flow/1");
    return sender
        .send(URI.create(destination.url()), headers, delivery.body())
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
        next = schedule.nextAttemptAt(number, now, sent.result()).orElse(null);
        state = next == null ? DeliveryState.EXHAUSTED : DeliveryState.PENDING;
        break;
      default:
        state = DeliveryState.FAILED;
    }
    return deliveries
        .attempted(delivery, attempt, state, next, now)
        .then(health(destination, verdict, now));
  }

  private Mono<Void> health(DestinationDocument destination, Verdict verdict, Instant now) {
    if (verdict == Verdict.DELIVERED) {
      return destination.failingSince() == null
          ? Mono.empty()
          : destinations.healthy(destination.id());
    }
    var record = new DestinationHealth(destination.failingSince()).after(verdict, now);
    Mono<Void> failing =
        destination.failingSince() == null
            ? destinations.failing(destination.id(), now)
            : Mono.empty();
    if (!record.disable(verdict, now, properties.disableAfter())) {
      return failing;
    }
    String reason =
        verdict == Verdict.DISABLE_DESTINATION
            ? "the receiver answered 410 Gone"
            : "every delivery failed since " + record.failingSince();
    return failing.then(
        destinations
            .disable(destination.id(), reason, now)
            .doOnNext(d -> log.warn("destination {} disabled: {}", d.id(), reason))
            .then());
  }
}

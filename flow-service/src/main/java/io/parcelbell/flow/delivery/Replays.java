package io.parcelbell.flow.delivery;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.destinations.DestinationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An operator's second chances: replay one ended delivery, or recover every failed or exhausted
 * delivery of a destination since a time (after a receiver's outage), with a count first (dry run).
 * The same signed body goes again with the same {@code webhook-id}, so a receiver that did get it
 * can tell; each is audit-logged (no audit record, nothing re-queued: 503).
 */
@Service
class Replays {

  /** Most deliveries one recover re-queues; run it again for more. */
  static final int RECOVER_LIMIT = 10_000;

  private final DeliveryStore deliveries;
  private final DestinationStore destinations;
  private final AuditTrail audit;
  private final Clock clock;

  Replays(DeliveryStore deliveries, DestinationStore destinations, AuditTrail audit, Clock clock) {
    this.deliveries = deliveries;
    this.destinations = destinations;
    this.audit = audit;
    this.clock = clock;
  }

  Mono<DeliveryView> replay(String id, ServerWebExchange exchange) {
    return deliveries
        .find(id)
        .switchIfEmpty(
            Mono.error(() -> ApiProblem.notFound("DELIVERY_NOT_FOUND", "no delivery " + id)))
        .flatMap(
            delivery -> {
              if (delivery.state() == DeliveryState.PENDING) {
                return Mono.error(
                    new ApiProblem(
                        HttpStatus.CONFLICT,
                        "DELIVERY_PENDING",
                        "delivery " + id + " is still being delivered"));
              }
              return audit
                  .record(
                      exchange,
                      AuditActions.DELIVERY_REPLAY,
                      new AuditTarget("delivery", id),
                      Map.of("after", delivery.state().name()))
                  .then(deliveries.replay(delivery, clock.instant()))
                  .switchIfEmpty(
                      Mono.error(
                          () ->
                              new ApiProblem(
                                  HttpStatus.CONFLICT,
                                  "CHANGED_MEANWHILE",
                                  "delivery " + id + " changed meanwhile; read it again")))
                  .map(DeliveryView::of);
            });
  }

  /** How many would be (dry run) or were re-queued. */
  record Recovered(String destinationId, Instant since, boolean dryRun, long count) {}

  Mono<Recovered> recover(
      String destinationId, Instant since, boolean dryRun, ServerWebExchange exchange) {
    return destinations
        .find(destinationId)
        .switchIfEmpty(
            Mono.error(
                () ->
                    ApiProblem.notFound(
                        "DESTINATION_NOT_FOUND", "no destination " + destinationId)))
        .flatMap(
            destination -> {
              var failed = deliveries.failedSince(destinationId, since, RECOVER_LIMIT);
              if (dryRun) {
                return failed.count().map(n -> new Recovered(destinationId, since, true, n));
              }
              Instant now = clock.instant();
              return failed
                  .count()
                  .flatMap(
                      n ->
                          audit.record(
                              exchange,
                              AuditActions.DESTINATION_RECOVER,
                              new AuditTarget("destination", destinationId),
                              Map.of("since", since.toString(), "count", Long.toString(n))))
                  .thenMany(failed.flatMap(d -> deliveries.replay(d, now), 16))
                  .count()
                  .map(n -> new Recovered(destinationId, since, false, n));
            });
  }
}

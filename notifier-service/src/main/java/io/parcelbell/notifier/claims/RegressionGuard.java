package io.parcelbell.notifier.claims;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.lifecycle.LifecycleEvents;
import io.parcelbell.notifier.lifecycle.LifecyclePublisher;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import io.parcelbell.notifier.notification.ShipmentNotifications;
import io.parcelbell.notifier.notification.StatusOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A status behind one already notified for the shipment (IN_TRANSIT after DELIVERED, by {@link
 * StatusOrder}) is not sent. Checked before the claim, so a dropped status normally leaves no
 * document. An older notification claimed earlier and never finished (its record went to the DLT,
 * e.g. after an A401) must not stay CLAIMED forever once a newer status overtook it: it is settled
 * when the newer status is claimed, or when its own record is replayed: SUPERSEDED by the newer one
 * when Bizgo never accepted it, or finished as dispatched (published, nothing sent again) when
 * Bizgo did.
 */
@Component
class RegressionGuard {

  private static final Logger log = LoggerFactory.getLogger(RegressionGuard.class);

  private final NotificationStore store;
  private final AttemptRunner runner;
  private final LifecyclePublisher publisher;
  private final Clock clock;
  private final Duration timeout;

  RegressionGuard(
      NotificationStore store,
      AttemptRunner runner,
      LifecyclePublisher publisher,
      Clock clock,
      NotifierProperties properties) {
    this.store = store;
    this.runner = runner;
    this.publisher = publisher;
    this.clock = clock;
    this.timeout = properties.stepTimeout();
  }

  /**
   * True when {@code event} is behind a status notified (or being notified) for its shipment within
   * the dedup window. Safe without a transaction: one shipment's events are handled one at a time.
   */
  Mono<Boolean> dropIfBehind(ShipmentStatusChanged event, ShipmentNotifications shipment) {
    Optional<NotificationDocument> newer = shipment.aheadOf(event.status());
    if (newer.isEmpty()) {
      return Mono.just(false);
    }
    Mono<Void> logged =
        InTrace.run(
            () ->
                log.info(
                    "{} of {} is behind {} already notified; dropped",
                    event.status(),
                    event.shipmentKey(),
                    newer.get().shipmentStatus()));
    String id = NotificationIds.of(event.courierCode(), event.trackingNumber(), event.status());
    return logged
        .then(
            shipment
                .byId(id)
                .filter(own -> own.state() == DispatchState.CLAIMED)
                .map(own -> settleStale(own, newer.get()))
                .orElse(Mono.empty()))
        .thenReturn(true);
  }

  /** Settles the shipment's unfinished CLAIMED notifications that {@code newer} overtook. */
  Mono<Void> settleOvertaken(NotificationDocument newer, ShipmentNotifications shipment) {
    return Flux.fromIterable(shipment.overtakenBy(newer))
        .concatMap(other -> settleStale(other, newer))
        .then();
  }

  private Mono<Void> settleStale(NotificationDocument stale, NotificationDocument newer) {
    if (stale.hasAcceptedAttempt()) {
      // Bizgo took it: the customer was told, so say so (the runner publishes, never re-sends).
      return InTrace.run(
              () -> log.info("{} was accepted before {}: finishing it", stale, newer.id()))
          .then(Mono.defer(() -> runner.run(stale)));
    }
    return store
        .supersedeUnsent(stale, newer.id())
        .timeout(timeout)
        .filter(Boolean.TRUE::equals)
        .flatMap(
            done ->
                publisher
                    .publish(LifecycleEvents.superseded(stale, newer.id(), clock.instant()))
                    .tap(
                        InTrace.onSuccess(
                            published ->
                                log.info(
                                    "{} never sent and superseded by {}", stale, newer.id()))));
  }
}

package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

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
   * the dedup window. Safe without a transaction: one shipment's events are handled one at a time
   * on its partition.
   */
  boolean dropIfBehind(ShipmentStatusChanged event) {
    Optional<NotificationDocument> newer =
        live(event.courierCode(), event.trackingNumber()).stream()
            .filter(other -> StatusOrder.isBehind(event.status(), other.shipmentStatus()))
            .findFirst();
    if (newer.isEmpty()) {
      return false;
    }
    log.info(
        "{} of {} is behind {} already notified; dropped",
        event.status(),
        event.shipmentKey(),
        newer.get().shipmentStatus());
    String id = NotificationIds.of(event.courierCode(), event.trackingNumber(), event.status());
    NotificationDocument own = store.find(id).block(timeout);
    if (own != null && own.state() == DispatchState.CLAIMED) {
      settleStale(own, newer.get());
    }
    return true;
  }

  /** Settles the shipment's unfinished CLAIMED notifications that {@code newer} overtook. */
  void settleOvertaken(NotificationDocument newer) {
    live(newer.courierCode(), newer.trackingNumber()).stream()
        .filter(other -> other.state() == DispatchState.CLAIMED)
        .filter(other -> !other.id().equals(newer.id()))
        .filter(other -> StatusOrder.isBehind(other.shipmentStatus(), newer.shipmentStatus()))
        // One with an accepted attempt may be a report-driven fallback in flight: not ours.
        .filter(other -> !other.hasAcceptedAttempt())
        .forEach(other -> settleStale(other, newer));
  }

  /**
   * A notification of the shipment that was sent or is being sent and is newer than {@code held}:
   * further along the journey, or claimed after it. A held notification is not released over it.
   */
  Optional<NotificationDocument> newerThan(NotificationDocument held) {
    return live(held.courierCode(), held.trackingNumber()).stream()
        .filter(other -> !other.id().equals(held.id()))
        .filter(
            other ->
                other.state() == DispatchState.DISPATCHED || other.state() == DispatchState.CLAIMED)
        .filter(
            other ->
                StatusOrder.isBehind(held.shipmentStatus(), other.shipmentStatus())
                    || other.createdAt().isAfter(held.createdAt()))
        .findFirst();
  }

  private void settleStale(NotificationDocument stale, NotificationDocument newer) {
    if (stale.hasAcceptedAttempt()) {
      // Bizgo took it: the customer was told, so say so (the runner publishes, never re-sends).
      log.info("{} was accepted before {}: finishing it", stale, newer.id());
      runner.run(stale);
      return;
    }
    if (Boolean.TRUE.equals(store.supersedeUnsent(stale, newer.id()).block(timeout))) {
      publisher.publish(LifecycleEvents.superseded(stale, newer.id(), clock.instant()));
      log.info("{} never sent and superseded by {}", stale, newer.id());
    }
  }

  private List<NotificationDocument> live(String courierCode, String trackingNumber) {
    List<NotificationDocument> live =
        store.liveOfShipment(courierCode, trackingNumber).collectList().block(timeout);
    return live == null ? List.of() : live;
  }
}

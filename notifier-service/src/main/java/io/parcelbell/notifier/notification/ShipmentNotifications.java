package io.parcelbell.notifier.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One shipment's notifications as read in one query ({@link NotificationStore#ofShipment}): the
 * regression guard, the supersede of held siblings and the release's "was something newer sent" all
 * answer from it, so a notification costs one read for all of them. A snapshot: every write decided
 * from it is conditional on the state it saw, so a stale snapshot changes nothing.
 */
public record ShipmentNotifications(List<NotificationDocument> all, Instant readAt) {

  private static final Set<DispatchState> LIVE =
      Set.of(DispatchState.CLAIMED, DispatchState.HELD, DispatchState.DISPATCHED);

  public ShipmentNotifications {
    all = List.copyOf(all);
  }

  public static ShipmentNotifications none(Instant readAt) {
    return new ShipmentNotifications(List.of(), readAt);
  }

  public Optional<NotificationDocument> byId(String id) {
    return all.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /**
   * Sent, being sent or held (not superseded, not dead-lettered) and within the dedup window: the
   * notifications the customer has had or will have.
   */
  public List<NotificationDocument> live() {
    return all.stream()
        .filter(n -> LIVE.contains(n.state()))
        .filter(n -> n.expiresAt() != null && n.expiresAt().isAfter(readAt))
        .toList();
  }

  /** A live notification of a status further along the journey than {@code status}. */
  public Optional<NotificationDocument> aheadOf(String status) {
    return live().stream()
        .filter(other -> StatusOrder.isBehind(status, other.shipmentStatus()))
        .findFirst();
  }

  /** The shipment's other HELD notifications (superseded when a newer status is claimed). */
  public List<NotificationDocument> heldOtherThan(String id) {
    return all.stream()
        .filter(n -> n.state() == DispatchState.HELD)
        .filter(n -> !n.id().equals(id))
        .toList();
  }

  /**
   * Unfinished CLAIMED notifications behind {@code newer} on the journey that Bizgo never accepted
   * (one with an accepted attempt may be a report-driven fallback in flight: not overtaken).
   */
  public List<NotificationDocument> overtakenBy(NotificationDocument newer) {
    return live().stream()
        .filter(other -> other.state() == DispatchState.CLAIMED)
        .filter(other -> !other.id().equals(newer.id()))
        .filter(other -> StatusOrder.isBehind(other.shipmentStatus(), newer.shipmentStatus()))
        .filter(other -> !other.hasAcceptedAttempt())
        .toList();
  }

  /**
   * A notification of the shipment that was sent or is being sent and is newer than {@code held}:
   * further along the journey, or claimed after it. A held notification is not released over it.
   */
  public Optional<NotificationDocument> newerThan(NotificationDocument held) {
    return live().stream()
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
}

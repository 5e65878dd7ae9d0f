package io.parcelbell.notifier.dispatch;

import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.quiethours.QuietHoursPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Quiet hours: a non-exempt status is held (stored, then NotificationHeld published) until the
 * window ends. Of several held statuses of one shipment only the newest is sent: a newer status
 * supersedes the held ones before it.
 */
@Component
class HoldOrSupersede {

  private static final Logger log = LoggerFactory.getLogger(HoldOrSupersede.class);

  private final QuietHoursPolicy quietHours;
  private final NotificationStore store;
  private final LifecyclePublisher publisher;
  private final Clock clock;
  private final Duration timeout;

  HoldOrSupersede(
      QuietHoursPolicy quietHours,
      NotificationStore store,
      LifecyclePublisher publisher,
      Clock clock,
      NotifierProperties properties) {
    this.quietHours = quietHours;
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
    this.timeout = properties.stepTimeout();
  }

  /** True when the notification was held (an invalid recipient is rejected at once instead). */
  boolean holdIfQuiet(NotificationDocument notification) {
    if (notification.recipient() == null) {
      return false;
    }
    Optional<Instant> release =
        quietHours.releaseAt(notification.shipmentStatus(), clock.instant());
    if (release.isEmpty()) {
      return false;
    }
    if (!Boolean.TRUE.equals(store.hold(notification.id(), release.get()).block(timeout))) {
      // Another runner holds it (a rebalance handed the record over) or held it first: the
      // redelivery after the back-off finds out which, and publishes nothing twice.
      throw new NotificationBusyException(notification.id());
    }
    publisher.publish(LifecycleEvents.held(notification.heldUntil(release.get())));
    log.info("{} held until {}", notification.id(), release.get());
    return true;
  }

  void republishHeld(NotificationDocument held) {
    publisher.publish(LifecycleEvents.held(held));
  }

  /** A leased (being released) notification that a newer one overtook is not sent. */
  void supersedeLeased(NotificationDocument leased, NotificationDocument newer) {
    if (Boolean.TRUE.equals(store.supersedeLeased(leased, newer.id()).block(timeout))) {
      publisher.publish(LifecycleEvents.superseded(leased, newer.id(), clock.instant()));
      log.info("{} not released: {} was already sent", leased.id(), newer.id());
    }
  }

  void supersedeHeldSiblings(NotificationDocument newer) {
    List<NotificationDocument> held = store.heldSiblings(newer).collectList().block(timeout);
    for (NotificationDocument older : held == null ? List.<NotificationDocument>of() : held) {
      if (Boolean.TRUE.equals(store.supersede(older.id(), newer.id()).block(timeout))) {
        publisher.publish(LifecycleEvents.superseded(older, newer.id(), clock.instant()));
        log.info("{} superseded by {}", older.id(), newer.id());
      }
    }
  }
}

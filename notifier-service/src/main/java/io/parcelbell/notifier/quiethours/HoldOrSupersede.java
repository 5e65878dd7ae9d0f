package io.parcelbell.notifier.quiethours;

import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.lifecycle.LifecycleEvents;
import io.parcelbell.notifier.lifecycle.LifecyclePublisher;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationBusyException;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import io.parcelbell.notifier.notification.ShipmentNotifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quiet hours: a non-exempt status is held (stored HELD with its release time when it is claimed,
 * then NotificationHeld published) until the window ends. Of several held statuses of one shipment
 * only the newest is sent: a newer status supersedes the held ones before it.
 */
@Component
public class HoldOrSupersede {

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

  /**
   * When the notification must wait: the end of quiet hours, or empty to send now. A notification
   * without a valid recipient is never held: it is rejected at once.
   */
  public Optional<Instant> releaseAt(NotificationDocument notification) {
    if (notification.recipient() == null) {
      return Optional.empty();
    }
    return quietHours.releaseAt(notification.shipmentStatus(), clock.instant());
  }

  /**
   * Publishes the hold of a HELD notification. Publishing again is harmless (same event id) and
   * covers a crash between storing the hold and publishing it.
   */
  public Mono<Void> announceHeld(NotificationDocument held) {
    return publisher
        .publish(LifecycleEvents.held(held))
        .tap(InTrace.onSuccess(done -> log.info("{} held until {}", held.id(), held.releaseAt())));
  }

  /**
   * A notification whose release holds its run ({@code taken}) and that a newer one overtook: not
   * sent, SUPERSEDED under the run's own token.
   */
  public Mono<Void> supersedeTaken(AttemptRunner.Taken taken, NotificationDocument newer) {
    NotificationDocument held = taken.notification();
    return publisher
        .publish(LifecycleEvents.superseded(held, newer.id(), clock.instant()))
        .then(
            store.finish(
                held.id(), taken.token(), DispatchState.SUPERSEDED, "SUPERSEDED_BY " + newer.id()))
        .timeout(timeout)
        .flatMap(
            finished ->
                finished
                    ? Mono.<Void>empty()
                    : Mono.<Void>error(new NotificationBusyException(held.id())))
        .tap(
            InTrace.onSuccess(
                done -> log.info("{} not released: {} is newer", held.id(), newer.id())))
        .onErrorResume(
            failed ->
                store
                    .releaseRun(held.id(), taken.token())
                    .onErrorComplete()
                    .then(Mono.error(failed)));
  }

  /** A leased (being released) notification that a newer one overtook is not sent. */
  public Mono<Void> supersedeLeased(NotificationDocument leased, NotificationDocument newer) {
    return store
        .supersedeLeased(leased, newer.id())
        .timeout(timeout)
        .filter(Boolean.TRUE::equals)
        .flatMap(
            done ->
                publisher
                    .publish(LifecycleEvents.superseded(leased, newer.id(), clock.instant()))
                    .tap(
                        InTrace.onSuccess(
                            published ->
                                log.info(
                                    "{} not released: {} is newer", leased.id(), newer.id()))));
  }

  /**
   * The shipment's held notifications before {@code newer} are not sent. One that a release is
   * sending right now (its release lease is live) cannot be superseded: then {@code newer} waits
   * ({@link NotificationBusyException}, the record is redelivered) so that it goes out after it,
   * never before.
   */
  public Mono<Void> supersedeHeldSiblings(
      NotificationDocument newer, ShipmentNotifications shipment) {
    return Flux.fromIterable(shipment.heldOtherThan(newer.id()))
        .concatMap(older -> supersede(older, newer))
        .then();
  }

  private Mono<Void> supersede(NotificationDocument older, NotificationDocument newer) {
    return store
        .supersede(older.id(), newer.id())
        .timeout(timeout)
        .flatMap(
            superseded -> {
              if (superseded) {
                return publisher
                    .publish(LifecycleEvents.superseded(older, newer.id(), clock.instant()))
                    .tap(
                        InTrace.onSuccess(
                            published -> log.info("{} superseded by {}", older.id(), newer.id())));
              }
              // Not superseded: released already, leased by a release that has not reached it yet
              // (which takes its run, then reads the shipment, so it will see `newer` and supersede
              // it), or being sent by a release right now: then `newer` waits for that send, so
              // the customer never gets the two reversed.
              return store
                  .isBeingReleased(older.id())
                  .timeout(timeout)
                  .filter(Boolean.TRUE::equals)
                  .flatMap(sending -> Mono.<Void>error(new NotificationBusyException(newer.id())));
            });
  }
}

package io.parcelbell.notifier.quiethours;

import io.parcelbell.contracts.ShipmentKey;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import io.parcelbell.notifier.notification.ShipmentNotifications;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends held notifications once quiet hours are over, in pages: a page of due notifications is
 * leased in one write ({@link NotificationStore#leaseDue}), their shipments read in one query, and
 * the page sent with up to {@code parcelbell.notifier.concurrency} in flight, so 50,000 held
 * overnight go out at the send rate (the Bizgo rate limiter), not one round trip after another. The
 * lease keeps several replicas from releasing the same one; a release that died is picked up again
 * after the lease. Runs on Spring's scheduler thread (ours, not Netty's), which waits for each
 * page.
 */
@Component
class ReleaseHeldNotifications {

  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(ReleaseHeldNotifications.class);

  private final NotificationStore store;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final Clock clock;
  private final int pageSize;
  private final int concurrency;

  ReleaseHeldNotifications(
      NotificationStore store,
      AttemptRunner runner,
      HoldOrSupersede holds,
      Clock clock,
      NotifierProperties properties) {
    this.store = store;
    this.runner = runner;
    this.holds = holds;
    this.clock = clock;
    this.pageSize = properties.quietHours().releasePageSize();
    this.concurrency = properties.concurrency();
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}",
      initialDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}")
  void releaseDue() {
    int released = 0;
    List<NotificationDocument> page;
    while (!(page = store.leaseDue(pageSize, LEASE).block(LEASE)).isEmpty()) {
      releasePage(page).block(LEASE);
      released += page.size();
    }
    if (released > 0) {
      log.info("released {} held notifications", released);
    }
  }

  Mono<Void> releasePage(List<NotificationDocument> page) {
    return store
        .ofShipments(page)
        .flatMapMany(
            shipments ->
                Flux.fromIterable(byShipment(page).entrySet())
                    .flatMap(
                        held ->
                            releaseNewest(
                                held.getValue(),
                                shipments.getOrDefault(
                                    held.getKey(), ShipmentNotifications.none(clock.instant()))),
                        concurrency))
        .then();
  }

  private static Map<String, List<NotificationDocument>> byShipment(
      List<NotificationDocument> page) {
    Map<String, List<NotificationDocument>> byShipment = new LinkedHashMap<>();
    for (NotificationDocument due : page) {
      byShipment
          .computeIfAbsent(
              ShipmentKey.of(due.courierCode(), due.trackingNumber()), key -> new ArrayList<>())
          .add(due);
    }
    return byShipment;
  }

  /**
   * Normally one held notification per shipment (a newer status supersedes the held ones); should a
   * page hold several, only the newest is sent, after the older ones were superseded.
   */
  private Mono<Void> releaseNewest(
      List<NotificationDocument> held, ShipmentNotifications shipment) {
    List<NotificationDocument> oldestFirst =
        held.stream().sorted(Comparator.comparing(NotificationDocument::createdAt)).toList();
    NotificationDocument newest = oldestFirst.get(oldestFirst.size() - 1);
    return Flux.fromIterable(oldestFirst.subList(0, oldestFirst.size() - 1))
        .concatMap(older -> holds.supersedeLeased(older, newest).onErrorResume(e -> Mono.empty()))
        .then(release(newest, shipment));
  }

  private Mono<Void> release(NotificationDocument due, ShipmentNotifications shipment) {
    // A newer status was sent while this one waited (its supersede lost the race with this lease,
    // or another replica sent it): the customer must not get the older news after it.
    var newer = shipment.newerThan(due);
    Mono<Void> released =
        newer.isPresent()
            ? holds.supersedeLeased(due, newer.get())
            : Mono.defer(
                () -> {
                  log.info("releasing held {}", due);
                  return runner.run(due);
                });
    return released.onErrorResume(
        e -> {
          // The lease keeps it from being retried in this round; the next round after it does.
          log.warn("release of {} failed, retried in {}: {}", due.id(), LEASE, e.toString());
          return Mono.empty();
        });
  }
}

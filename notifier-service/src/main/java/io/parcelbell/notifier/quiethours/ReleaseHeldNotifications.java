package io.parcelbell.notifier.quiethours;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.parcelbell.contracts.ShipmentKey;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
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
 * leased in one write ({@link NotificationStore#leaseDue}) and the page sent with up to {@code
 * parcelbell.notifier.concurrency} in flight, so 50,000 held overnight go out at the send rate (the
 * Bizgo rate limiter), not one round trip after another. The lease keeps several replicas from
 * releasing the same one; a release that died is picked up again after the lease. Runs on Spring's
 * scheduler thread (ours, not Netty's), which waits for each page.
 */
@Component
class ReleaseHeldNotifications {

  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(ReleaseHeldNotifications.class);

  private final NotificationStore store;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final int pageSize;
  private final RateLimiter limiter;
  private final int concurrency;

  ReleaseHeldNotifications(
      NotificationStore store,
      AttemptRunner runner,
      HoldOrSupersede holds,
      BizgoPolicies policies,
      NotifierProperties properties) {
    this.limiter = policies.rateLimiter();
    this.store = store;
    this.runner = runner;
    this.holds = holds;
    this.pageSize = properties.quietHours().releasePageSize();
    this.concurrency = properties.concurrency();
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}",
      initialDelayString = "${parcelbell.notifier.quiet-hours.release-interval:30s}")
  void releaseDue() {
    int released = 0;
    List<NotificationDocument> page;
    while (!(page = store.leaseDue(pageSize(), LEASE).block(LEASE)).isEmpty()) {
      releasePage(page).block(LEASE);
      released += page.size();
    }
    if (released > 0) {
      log.info("released {} held notifications", released);
    }
  }

  /**
   * No more than this replica can send in half a lease at its share of the account rate: a page
   * must be sent before its lease runs out.
   */
  private int pageSize() {
    long sendable =
        (long) limiter.getRateLimiterConfig().getLimitForPeriod() * LEASE.toSeconds() / 2;
    return (int) Math.max(1, Math.min(pageSize, sendable));
  }

  Mono<Void> releasePage(List<NotificationDocument> page) {
    return Flux.fromIterable(byShipment(page).values())
        .flatMap(this::releaseNewest, concurrency)
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
  private Mono<Void> releaseNewest(List<NotificationDocument> held) {
    List<NotificationDocument> oldestFirst =
        held.stream().sorted(Comparator.comparing(NotificationDocument::createdAt)).toList();
    NotificationDocument newest = oldestFirst.get(oldestFirst.size() - 1);
    return Flux.fromIterable(oldestFirst.subList(0, oldestFirst.size() - 1))
        .concatMap(older -> holds.supersedeLeased(older, newest).onErrorResume(e -> Mono.empty()))
        .then(Mono.defer(() -> release(newest)));
  }

  /**
   * The release first takes the notification's run, then reads the shipment, then sends or
   * supersedes under that run. A newer status claimed before the run was taken is seen here (its
   * claim came first) and this one is superseded; one claimed after it finds the run live and waits
   * until this send is done (HoldOrSupersede). So the customer never gets the older news after the
   * newer, even when this page waited minutes for permits.
   */
  private Mono<Void> release(NotificationDocument due) {
    Mono<Void> released =
        runner
            .take(due)
            .flatMap(
                taken ->
                    taken.notification().hasAcceptedAttempt()
                        // Bizgo took it on an earlier try whose publish or finish failed: finish
                        // it.
                        ? runner.runLeased(taken.notification(), taken.token())
                        : store
                            .ofShipment(
                                due.courierCode(), due.trackingNumber(), due.shipmentStatus())
                            .flatMap(
                                shipment ->
                                    shipment
                                        .newerThan(taken.notification())
                                        .map(newer -> holds.supersedeTaken(taken, newer))
                                        .orElseGet(
                                            () -> {
                                              log.info("releasing held {}", due);
                                              return runner.runLeased(
                                                  taken.notification(), taken.token());
                                            })));
    return released.onErrorResume(
        e -> {
          // The lease keeps it from being retried in this round; the next round after it does.
          log.warn("release of {} failed, retried in {}: {}", due.id(), LEASE, e.toString());
          return Mono.empty();
        });
  }
}

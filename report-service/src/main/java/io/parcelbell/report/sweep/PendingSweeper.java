package io.parcelbell.report.sweep;

import io.parcelbell.contracts.UnknownMsgKey;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.bizgo.BizgoInquiryClient;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.settlement.OutcomePublisher;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.DueInquiry;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReportStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Catches what the event-driven path can miss. A stored report whose background application failed
 * is applied again; a PENDING attempt older than {@code pending-timeout} is looked up with Bizgo's
 * inquiry API; one still unknown after {@code expire-after} is settled as EXPIRED.
 */
@Component
public class PendingSweeper {

  private static final Logger log = LoggerFactory.getLogger(PendingSweeper.class);

  /** Published settlements are left alone this long: their own publish may still be under way. */
  private static final Duration PUBLISH_GRACE = RawReportStore.FIRST_RETRY_AFTER;

  private static final int BATCH = 100;

  /** Inquiries (HTTP calls to Bizgo) and report applications in flight at once. */
  private static final int CONCURRENCY = 8;

  private final NotificationStore notifications;
  private final RawReportStore reports;
  private final ReportSettlement settlement;
  private final OutcomePublisher publisher;
  private final BizgoInquiryClient bizgo;
  private final ReportProperties properties;
  private final Clock clock;

  PendingSweeper(
      NotificationStore notifications,
      RawReportStore reports,
      ReportSettlement settlement,
      OutcomePublisher publisher,
      BizgoInquiryClient bizgo,
      ReportProperties properties,
      Clock clock) {
    this.notifications = notifications;
    this.reports = reports;
    this.settlement = settlement;
    this.publisher = publisher;
    this.bizgo = bizgo;
    this.properties = properties;
    this.clock = clock;
  }

  /** One pass; each item's failure is logged and left for the next pass. */
  public Mono<Void> sweep() {
    Instant now = clock.instant();
    return reapplyReports(now).then(inquirePending(now)).then(republish(now));
  }

  /** Settlements whose NotificationSettled never made it to Kafka (crash, broker outage). */
  private Mono<Void> republish(Instant now) {
    return notifications
        .findUnpublished(now.minus(PUBLISH_GRACE), BATCH)
        .concatMap(
            doc -> {
              Mono<Void> attempts =
                  Flux.fromIterable(doc.attempts())
                      .filter(a -> Boolean.FALSE.equals(a.published()))
                      .concatMap(a -> publisher.attemptSettled(doc, a))
                      .then();
              Mono<Void> outcome =
                  Boolean.FALSE.equals(doc.outcomePublished())
                      ? publisher.notificationSettled(doc, decidedBy(doc))
                      : Mono.empty();
              return attempts.then(outcome).onErrorResume(e -> skip(doc.id(), e));
            })
        .then();
  }

  /**
   * The attempt the original NOTIFICATION event named, so the re-published id is the same: the
   * newest delivered one for SENT, the newest failed one for DEAD_LETTER (a notification sent again
   * later is decided by its newest message).
   */
  private static AttemptDocument decidedBy(NotificationDocument doc) {
    AttemptDocument decided = null;
    for (AttemptDocument attempt : doc.attempts()) {
      boolean delivered = attempt.state() == AttemptState.DELIVERED;
      if (doc.state() == NotificationState.SENT ? delivered : !delivered) {
        decided = attempt;
      }
    }
    return decided;
  }

  /**
   * Stored reports not applied yet (their application failed, or their dispatch has not come): each
   * is claimed before it is tried, which moves its next try one {@code pending-timeout} on, so the
   * ones that stay inapplicable never crowd out the others.
   */
  private Mono<Void> reapplyReports(Instant now) {
    Instant next = now.plus(properties.pendingTimeout());
    // A report younger than that is most likely waiting for a dispatch still queued: by its ref
    // only,
    // not by msgKey in every notification (a read of the whole collection where no index answers).
    Instant oldEnoughForMsgKey = now.minus(properties.pendingTimeout());
    return pages(
        () -> reports.findDueForRetry(now, now.minus(properties.expireAfter()), BATCH),
        report ->
            reports
                .claimRetry(report.id(), now, next)
                .filter(Boolean::booleanValue)
                .flatMap(
                    claimed ->
                        settlement
                            .apply(report, report.receivedAt().isBefore(oldEnoughForMsgKey))
                            .onErrorResume(e -> skip(report.id(), e))
                            .thenReturn(true)));
  }

  /**
   * PENDING attempts due for an inquiry: each is claimed first (one replica wins it; its next
   * inquiry moves one {@code pending-timeout} on), then asked about. The pass reads due attempts
   * until none is left, so every one is looked at within one pending-timeout however many stay
   * unknown.
   */
  private Mono<Void> inquirePending(Instant now) {
    Instant expired = now.minus(properties.expireAfter());
    return pages(
        () -> notifications.findDueInquiries(now, BATCH),
        due ->
            notifications
                .claimInquiry(due, now)
                .filter(Boolean::booleanValue)
                .flatMap(
                    claimed ->
                        inquire(due, expired)
                            .onErrorResume(e -> skip(due.msgKey(), e))
                            .thenReturn(true)));
  }

  /**
   * Reads a page, works through it ({@value #CONCURRENCY} at a time) and reads again, until a page
   * is empty or none of its items could be claimed (other replicas took them all).
   */
  private <T> Mono<Void> pages(
      java.util.function.Supplier<Flux<T>> page,
      java.util.function.Function<T, Mono<Boolean>> claimAndWork) {
    return Flux.defer(page)
        .flatMap(claimAndWork, CONCURRENCY)
        .count()
        .repeat()
        .takeUntil(worked -> worked == 0)
        .then();
  }

  private Mono<Void> inquire(DueInquiry attempt, Instant expired) {
    boolean hopeless = attempt.requestedAt().isBefore(expired);
    if (UnknownMsgKey.isMarker(attempt.msgKey())) {
      // Not a msgKey Bizgo knows, so nothing to ask: its report can only come by webhook.
      return hopeless ? expire(attempt) : Mono.empty();
    }
    return bizgo
        .inquire(attempt.msgKey())
        .flatMap(
            found -> {
              if (found.isPresent()) {
                // Stored first, like a webhook report, so it is never applied without a record.
                return reports.saveIfAbsent(found.get()).then(settlement.apply(found.get()));
              }
              return hopeless ? expire(attempt) : Mono.empty();
            });
  }

  private Mono<Void> expire(DueInquiry attempt) {
    return settlement.expire(
        attempt.notificationId(),
        attempt.msgKey(),
        "no delivery report within " + properties.expireAfter());
  }

  private static Mono<Void> skip(String what, Throwable e) {
    log.warn("sweep skipped {}: {}", what, e.toString());
    return Mono.empty();
  }
}

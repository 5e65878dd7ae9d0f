package io.parcelbell.report.settlement;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.NotificationStore.Delivered;
import io.parcelbell.report.store.RawReport;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The usual report, a polled batch at a time: a DELIVERED report whose ref names its notification
 * settles its PENDING attempt and moves the notification to SENT. {@link ReportSettlement} takes
 * two round trips to MongoDB for each such report; here a whole batch takes one bulk write, one
 * read of what it changed and one bulk of published marks (the per-report round trips were most of
 * report-service's cost per report).
 *
 * <p>Only the case that needs no decision comes here: every write is conditional on the attempt
 * still PENDING and the notification still open, and whatever a write did not settle (an attempt
 * not known yet, already settled, a notification no longer open, another replica first, a ref that
 * names nothing) is left to {@link ReportSettlement}, which decides every case. The caller keeps a
 * msgKey's order by sending only its first report of a batch here, before the rest.
 */
@Component
public class DeliveredInBulk {

  private final NotificationStore notifications;
  private final OutcomePublisher publisher;
  private final ReportMetrics metrics;
  private final Clock clock;

  DeliveredInBulk(
      NotificationStore notifications,
      OutcomePublisher publisher,
      ReportMetrics metrics,
      Clock clock) {
    this.notifications = notifications;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Whether the report is of the kind settled here: delivered, naming its notification. */
  public static boolean fits(RawReport report) {
    return report.ref() != null
        && !report.ref().isBlank()
        && report.msgKey() != null
        && ReportCodes.attemptStateOf(report.reportCode()) == AttemptState.DELIVERED;
  }

  /**
   * Settles what it can of {@code reports} (each {@link #fits}, the first of its msgKey in the
   * batch) and emits the ids of the reports that settled their attempt. Their events are on Kafka,
   * or, where Kafka refused, left for the sweeper to publish (the documents say so).
   */
  public Mono<Set<String>> settle(List<RawReport> reports) {
    if (reports.isEmpty()) {
      return Mono.just(Set.of());
    }
    Instant now = clock.instant();
    String token = UUID.randomUUID().toString();
    // One report per notification: the write that moves it can only be one attempt's. Any other
    // report of the batch for it is left to the caller's report-by-report settlement.
    Map<String, RawReport> byNotification = new HashMap<>();
    reports.forEach(r -> byNotification.putIfAbsent(r.ref(), r));
    List<Delivered> delivered =
        byNotification.values().stream()
            .map(
                r ->
                    new Delivered(
                        r.ref(), r.msgKey(), r.reportCode(), r.reportText(), r.reportedAt()))
            .toList();
    return notifications
        .settleAllDelivered(delivered, ReportSettlement.OPEN, NotificationState.SENT, token, now)
        .filter(settled -> settled > 0)
        .flatMapMany(settled -> notifications.findSettledBy(byNotification.keySet(), token))
        .concatMapIterable(doc -> metBy(doc, byNotification.get(doc.id())))
        .collectList()
        .flatMap(this::publish)
        .defaultIfEmpty(Set.of());
  }

  /** The report and attempt our write settled in {@code doc} (read back by our token). */
  private static List<Met> metBy(NotificationDocument doc, RawReport report) {
    return doc.attempt(report.msgKey())
        .map(a -> List.of(new Met(report, doc, a)))
        .orElse(List.of());
  }

  private Mono<Set<String>> publish(List<Met> met) {
    Set<String> settled = new HashSet<>();
    met.forEach(
        m -> {
          metrics.attemptSettled(m.attempt());
          settled.add(m.report().id());
        });
    return publisher
        .allAttemptsAndNotificationsSettled(
            met.stream().map(m -> new OutcomePublisher.Settled(m.doc(), m.attempt())).toList())
        .thenReturn(settled);
  }

  private record Met(RawReport report, NotificationDocument doc, AttemptDocument attempt) {}
}

package io.parcelbell.report.config;

import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.mongo.IndexPlan;
import io.parcelbell.contracts.mongo.IndexPlan.Spec;
import io.parcelbell.contracts.mongo.IndexPlanHealth;
import io.parcelbell.report.counts.CountStore;
import io.parcelbell.report.store.EarlierDocuments;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.WaitingReports;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * An index for every query report-service runs, and the retention TTL indexes. Created after start;
 * until they all exist the health contributor {@code mongoIndexes} is DOWN, and it is part of the
 * readiness group, so no traffic reaches a replica whose queries would scan whole collections. A
 * failure is logged as an ERROR and retried without limit (IndexPlan). ContainersTest checks with
 * {@code explain()} on a real MongoDB that no query is a collection scan; mongo-java-server accepts
 * and ignores non-unique and TTL indexes.
 */
@Configuration(proxyBeanMethods = false)
class MongoIndexPlan {

  @Bean
  IndexPlanHealth mongoIndexes(
      ReactiveMongoTemplate mongo,
      RetentionProperties retention,
      ReportProperties report,
      EarlierDocuments earlier) {
    // A report deleted while its attempt may still be waiting for it would let that attempt expire.
    if (retention.reports().compareTo(report.expireAfter().plus(report.pendingTimeout())) < 0) {
      throw new IllegalArgumentException(
          "parcelbell.report.retention.reports must be at least expire-after + pending-timeout");
    }
    return new IndexPlanHealth(new IndexPlan(mongo, specs(retention), earlier::backfill));
  }

  static List<Spec> specs(RetentionProperties retention) {
    String notifications = NotificationDocument.COLLECTION;
    String reports = RawReport.COLLECTION;
    return List.of(
        // Settling by msgKey (report, inquiry, expiry), findByMsgKey.
        Spec.of(notifications, new Index().on("attempts.msgKey", Direction.ASC)),
        // The sweeper's due inquiries; the oldest-PENDING gauge's $match.
        Spec.of(
            notifications,
            new Index()
                .on("attempts.state", Direction.ASC)
                .on("attempts.nextInquiryAt", Direction.ASC)),
        // The history API: each filter, newest first, with the (createdAt, _id) cursor; the stats.
        Spec.of(notifications, newest(new Index().on("orderId", Direction.ASC))),
        Spec.of(notifications, newest(new Index().on("trackingNumber", Direction.ASC))),
        Spec.of(notifications, newest(new Index().on("state", Direction.ASC))),
        Spec.of(
            notifications,
            newest(new Index().on(NotificationStore.RECIPIENT_LAST4, Direction.ASC))),
        Spec.of(notifications, newest(new Index().on("shipmentStatus", Direction.ASC))),
        Spec.of(notifications, newest(new Index().on("attempts.channel", Direction.ASC))),
        Spec.of(notifications, newest(new Index())),
        // Settlements whose NotificationSettled did not reach Kafka (the sweeper's republish).
        Spec.of(
            notifications,
            new Index().on("outcomePublished", Direction.ASC).on("updatedAt", Direction.ASC)),
        Spec.of(
            notifications,
            new Index().on("attempts.published", Direction.ASC).on("updatedAt", Direction.ASC)),
        Spec.expiring(notifications, NotificationStore.ENDED_AT, retention.history()),
        // The dashboard's counts: the notifications changed since the last count (then their
        // slices by createdAt, the index above); the slices themselves expire after 8 days.
        Spec.of(notifications, new Index().on("updatedAt", Direction.ASC)),
        Spec.expiring(CountStore.SLICES, CountStore.START, CountStore.KEPT),
        // Reports waiting for their attempt, by msgKey or by ref; the sweeper's due retries.
        Spec.of(reports, new Index().on("msgKey", Direction.ASC).on("applied", Direction.ASC)),
        Spec.of(reports, new Index().on("ref", Direction.ASC).on("applied", Direction.ASC)),
        Spec.of(reports, new Index().on("applied", Direction.ASC).on("retryAt", Direction.ASC)),
        // Retention, and the last-report gauge (newest receivedAt).
        Spec.expiring(reports, "receivedAt", retention.reports()),
        // Notes of reports waiting for their dispatch: read by _id only; they go with the reports.
        Spec.expiring(WaitingReports.COLLECTION, WaitingReports.SINCE, retention.reports()),
        // Resend commands Kafka had not taken (ResendCommandRelay).
        Spec.of(
            notifications,
            new Index()
                .on(NotificationStore.RESEND + ".published", Direction.ASC)
                .on(NotificationStore.RESEND + ".requestedAt", Direction.ASC)),
        // The audit log: GET /api/audit (newest first; by actor; by target) and the relay.
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(0)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(1)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(2)),
        Spec.of(AuditStore.COLLECTION, AuditStore.indexes().get(3)));
  }

  private static Index newest(Index index) {
    return index.on("createdAt", Direction.DESC).on("_id", Direction.DESC);
  }
}

package io.parcelbell.report.query;

import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.Recipients;
import java.time.Instant;
import java.util.List;

/** One notification as the query API shows it (contract shape, read by the e2e test). */
record NotificationResponse(
    String id,
    String courierCode,
    String trackingNumber,
    String shipmentStatus,
    String orderId,
    String recipient,
    String state,
    String reason,
    List<Attempt> attempts,
    Instant createdAt,
    Instant updatedAt) {

  record Attempt(
      String channel,
      String msgKey,
      String state,
      String reportCode,
      String reportText,
      Instant requestedAt,
      Instant reportedAt) {

    static Attempt of(AttemptDocument a) {
      return new Attempt(
          a.channel() == null ? null : a.channel().name(),
          a.msgKey(),
          a.state() == null ? null : a.state().name(),
          a.reportCode(),
          a.reportText(),
          a.requestedAt(),
          a.reportedAt());
    }
  }

  record Page(List<NotificationResponse> items, String nextCursor) {}

  static NotificationResponse of(NotificationDocument n) {
    return new NotificationResponse(
        n.id(),
        n.courierCode(),
        n.trackingNumber(),
        n.shipmentStatus(),
        n.orderId(),
        Recipients.masked(n.recipient()),
        n.state() == null ? null : n.state().name(),
        n.reason(),
        n.attempts().stream().map(Attempt::of).toList(),
        n.createdAt(),
        n.updatedAt());
  }
}

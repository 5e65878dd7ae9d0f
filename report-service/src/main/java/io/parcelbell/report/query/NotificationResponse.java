package io.parcelbell.report.query;

import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.Recipients;
import io.swagger.v3.oas.annotations.media.Schema;
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
    Instant updatedAt,
    @Schema(description = "when the latest hold for quiet hours began (null if never held)")
        Instant heldAt,
    @Schema(description = "until when it was held: the end of the quiet hours") Instant heldUntil,
    @Schema(description = "the notification that replaced this one (a newer parcel status)")
        String supersededBy,
    Instant supersededAt) {

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
        n.updatedAt(),
        n.heldAt(),
        n.heldUntil(),
        n.supersededBy(),
        n.supersededAt());
  }
}

package io.parcelbell.report.support;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSuperseded;
import java.time.Instant;
import java.util.UUID;

/** Lifecycle events for a fresh shipment per test, so tests never see each other's documents. */
public record Events(String courier, String tracking, String status, String orderId) {

  public static final Instant AT = Instant.parse("2026-04-24T01:42:34.546Z");

  public static Events freshShipment() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    return new Events("cj", "T" + unique, "DELIVERED", "ORD-" + unique);
  }

  public String notificationId() {
    return NotificationIds.of(courier, tracking, status);
  }

  public String msgKey(Channel channel) {
    return "MK-" + tracking + "-" + channel;
  }

  public NotificationDispatched dispatched(Channel channel, int attempt, boolean finalChannel) {
    return dispatched(channel, attempt, finalChannel, msgKey(channel));
  }

  /** As the notifier publishes it after an A301 without msgKey: {@code unknown-msgkey:<key>}. */
  public NotificationDispatched dispatchedWithUnknownMsgKey(
      Channel channel, int attempt, boolean finalChannel) {
    return dispatched(
        channel, attempt, finalChannel, "unknown-msgkey:" + notificationId() + ":" + attempt);
  }

  public NotificationDispatched dispatched(
      Channel channel, int attempt, boolean finalChannel, String msgKey) {
    return dispatched(channel, attempt, finalChannel, msgKey, AT);
  }

  public NotificationDispatched dispatched(
      Channel channel, int attempt, boolean finalChannel, String msgKey, Instant occurredAt) {
    return new NotificationDispatched(
        EventIds.of(notificationId(), "dispatched", channel.name()),
        notificationId(),
        courier,
        tracking,
        status,
        orderId,
        "010-****-5678",
        channel,
        attempt,
        msgKey,
        notificationId() + ":" + attempt,
        finalChannel,
        occurredAt);
  }

  public NotificationHeld held() {
    return new NotificationHeld(
        EventIds.of(notificationId(), "held"),
        notificationId(),
        courier,
        tracking,
        status,
        orderId,
        "010-****-5678",
        AT.plusSeconds(3600),
        AT);
  }

  public NotificationRejected rejected(Channel channel, int attempt, boolean terminal) {
    return new NotificationRejected(
        EventIds.of(notificationId(), "rejected", String.valueOf(attempt)),
        notificationId(),
        courier,
        tracking,
        status,
        orderId,
        "010-****-5678",
        channel,
        attempt,
        "A306",
        "invalid recipient",
        terminal,
        AT);
  }

  public NotificationSuperseded superseded() {
    return new NotificationSuperseded(
        EventIds.of(notificationId(), "superseded"),
        notificationId(),
        courier,
        tracking,
        status,
        orderId,
        NotificationIds.of(courier, tracking, "DELIVERED_LATER"),
        AT);
  }

  /** A Bizgo report body in DESIGN.md's shape. */
  public String report(Channel channel, String reportCode, String reportText) {
    return report(msgKey(channel), channel, reportCode, reportText);
  }

  public String report(String msgKey, Channel channel, String reportCode, String reportText) {
    return """
        {"msgKey": "%s", "serviceType": "%s", "msgType": "AT", "sendTime": "2026-04-24T10:42:34.546+09:00",
         "reportTime": "2026-04-24T10:42:36.120+09:00", "reportType": "RS", "reportCode": "%s",
         "reportText": "%s", "carrier": "", "ref": "%s", "somethingNew": 1}
        """
        .formatted(msgKey, channel, reportCode, reportText, notificationId());
  }
}

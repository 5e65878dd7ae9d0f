package io.parcelbell.notifier.notification;

import io.parcelbell.contracts.events.Channel;
import java.time.Instant;

/**
 * One try on one channel. Its idempotency key is fixed when the attempt is created and stored, so a
 * retry or a resumed attempt after a crash can never be sent twice by Bizgo.
 */
public record Attempt(
    int number,
    Channel channel,
    String idempotencyKey,
    Status status,
    String msgKey,
    String code,
    String reason,
    Instant requestedAt,
    Instant answeredAt) {

  public enum Status {
    REQUESTED,
    ACCEPTED,
    REJECTED
  }

  public Attempt {
    if (number < 1) {
      throw new IllegalArgumentException("attempts count from 1");
    }
  }

  public static Attempt requested(String notificationId, int number, Channel channel, Instant now) {
    return new Attempt(
        number,
        channel,
        keyOf(notificationId, number),
        Status.REQUESTED,
        null,
        null,
        null,
        now,
        null);
  }

  /** {@code {notificationId}:{attempt}}: deterministic, so it survives any restart. */
  public static String keyOf(String notificationId, int number) {
    return notificationId + ":" + number;
  }

  public Attempt accepted(String msgKey, Instant now) {
    return new Attempt(
        number, channel, idempotencyKey, Status.ACCEPTED, msgKey, null, null, requestedAt, now);
  }

  public Attempt rejected(String code, String reason, Instant now) {
    return new Attempt(
        number, channel, idempotencyKey, Status.REJECTED, null, code, reason, requestedAt, now);
  }
}

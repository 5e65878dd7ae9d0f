package io.parcelbell.notifier.notification;

/**
 * The notifier's own view of a notification. The public states (PENDING, SENT, ...) live in the
 * report-service; here only "is there still something to do" matters.
 */
public enum DispatchState {
  /** Claimed for sending; not finished. A redelivered event resumes it. */
  CLAIMED,
  /** Waiting for quiet hours to end ({@code releaseAt}); released by ReleaseHeldNotifications. */
  HELD,
  /** Held, then replaced by a newer status of the same shipment; never sent. */
  SUPERSEDED,
  /** An attempt was accepted and NotificationDispatched was acked by Kafka. */
  DISPATCHED,
  /** Nothing more will be tried; NotificationRejected(terminal) was acked by Kafka. */
  DEAD_LETTER
}

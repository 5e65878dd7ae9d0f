package io.parcelbell.contracts.events;

/** What a {@link NotificationSettled} settles: one attempt, or the notification as a whole. */
public enum SettlementScope {
  ATTEMPT,
  NOTIFICATION
}

package io.parcelbell.contracts.events;

/** The state of a notification (contract: DESIGN.md, "Notification state"). */
public enum NotificationState {
  HELD,
  PENDING,
  SENT,
  DEAD_LETTER,
  SUPERSEDED;

  public boolean isFinal() {
    return this == SENT || this == DEAD_LETTER || this == SUPERSEDED;
  }
}

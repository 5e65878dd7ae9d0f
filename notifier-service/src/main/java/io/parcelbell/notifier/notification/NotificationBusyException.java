package io.parcelbell.notifier.notification;

/**
 * Another run holds the notification (or took it over from this one). Not a failure of the record:
 * it is redelivered after the back-off and then finds the notification finished, or takes over a
 * lease its holder let expire.
 */
public class NotificationBusyException extends RuntimeException {

  public NotificationBusyException(String notificationId) {
    super("notification " + notificationId + " is being run by another runner");
  }
}

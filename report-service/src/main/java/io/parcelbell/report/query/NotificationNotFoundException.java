package io.parcelbell.report.query;

/** No notification has this id (yet: documents appear with their first lifecycle event). */
public class NotificationNotFoundException extends RuntimeException {

  NotificationNotFoundException(String id) {
    super("no notification " + id);
  }
}

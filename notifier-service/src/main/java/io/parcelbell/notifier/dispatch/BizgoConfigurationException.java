package io.parcelbell.notifier.dispatch;

import io.parcelbell.notifier.bizgo.BizgoResult;

/**
 * Bizgo refused our credentials or sender (A401/A403). Retrying cannot help until an operator fixes
 * the configuration, so the record gets the bounded back-off and then the DLT; the notification
 * stays claimed, and replaying the record resumes it with the same idempotency key.
 */
public class BizgoConfigurationException extends RuntimeException {

  BizgoConfigurationException(String notificationId, BizgoResult result) {
    super("Bizgo configuration error for notification " + notificationId + ": " + result);
  }
}

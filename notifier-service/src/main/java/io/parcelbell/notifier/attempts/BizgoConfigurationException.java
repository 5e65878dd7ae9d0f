package io.parcelbell.notifier.attempts;

import io.parcelbell.notifier.bizgo.BizgoResult;

/**
 * Bizgo refused our credentials or sender (A401/A403). Retrying cannot help until an operator fixes
 * the configuration: the listeners pause while a probe waits for that, and the record is
 * redelivered afterwards (never dead-lettered). The notification stays claimed and resumes with the
 * same idempotency key.
 */
public class BizgoConfigurationException extends RuntimeException {

  BizgoConfigurationException(String notificationId, BizgoResult result) {
    super("Bizgo configuration error for notification " + notificationId + ": " + result);
  }
}

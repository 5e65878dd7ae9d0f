package io.parcelbell.notifier.attempts;

import io.parcelbell.notifier.bizgo.BizgoResult;

/**
 * Bizgo could not take the attempt even after the client's retries (or its breaker is open). Not
 * the message's fault: the container retries the record without limit (the listener is paused while
 * the breaker is open) and the claimed notification resumes with the same idempotency key.
 */
public class BizgoUnavailableException extends RuntimeException {

  BizgoUnavailableException(String notificationId, BizgoResult result) {
    super("Bizgo did not take notification " + notificationId + ": " + result);
  }
}

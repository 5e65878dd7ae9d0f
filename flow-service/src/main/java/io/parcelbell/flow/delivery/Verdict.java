package io.parcelbell.flow.delivery;

/** What a delivery attempt means for the delivery and its destination. */
public enum Verdict {
  /** 2xx: delivered. */
  DELIVERED,
  /** No answer, 408, 409, 425, 429 or 5xx: try again on the schedule. */
  RETRY,
  /**
   * Any other 4xx, or a 3xx (redirects are never followed): retrying cannot help; kept for replay.
   */
  FAILED,
  /** 410 Gone: the receiver says this endpoint is gone; the destination is disabled at once. */
  DISABLE_DESTINATION;

  /** The verdict on one attempt (Standard Webhooks' and the dispatchers' common rules). */
  public static Verdict of(AttemptResult result) {
    if (result.status() == null) {
      return RETRY;
    }
    int status = result.status();
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status == 410) {
      return DISABLE_DESTINATION;
    }
    if (status == 408 || status == 409 || status == 425 || status == 429 || status >= 500) {
      return RETRY;
    }
    return FAILED;
  }
}

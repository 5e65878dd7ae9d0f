package io.parcelbell.notifier.bizgo;

/** What Bizgo answered to one send, after the transient failures were retried. */
public sealed interface BizgoResult {

  /** Transient results are retried with the same idempotency key. */
  default boolean isTransient() {
    return false;
  }

  /**
   * A000: accepted, not yet delivered. A301 (the key was used before, so an earlier try went
   * through) is accepted too, with {@code alreadyAccepted}; its msgKey is the answer's or, when the
   * answer has none, {@link io.parcelbell.contracts.UnknownMsgKey} of the idempotency key.
   */
  record Accepted(String msgKey, boolean alreadyAccepted) implements BizgoResult {}

  /**
   * A020 or HTTP 429: slow down. {@code retryAfter} is Bizgo's {@code Retry-After}, when it sent
   * one (null otherwise): the retry waits that long (bounded) instead of its own back-off.
   */
  record RateLimited(String code, java.time.Duration retryAfter) implements BizgoResult {

    public RateLimited(String code) {
      this(code, null);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** A910/A920/A999, 5xx, timeouts, connection errors: try again later with the same key. */
  record Unavailable(String code, String reason) implements BizgoResult {
    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** A306: Bizgo will not send to this number on this channel. */
  record InvalidRecipient(String code, String reason) implements BizgoResult {}

  /** A401/A403: our credentials or sender registration are wrong; no send can succeed. */
  record ConfigurationError(String code, String reason) implements BizgoResult {}

  /** Any other refusal of this message. */
  record Rejected(String code, String reason) implements BizgoResult {}
}

package io.parcelbell.flow.delivery;

/** Where a delivery is. PENDING is open (due at {@code nextAttemptAt}); the others are final. */
public enum DeliveryState {
  PENDING,
  /** A 2xx within the timeout. */
  DELIVERED,
  /** An answer retrying cannot change (a 3xx, a 4xx other than 408/409/425/429, a 410). */
  FAILED,
  /** Every attempt of the retry schedule failed. */
  EXHAUSTED
}

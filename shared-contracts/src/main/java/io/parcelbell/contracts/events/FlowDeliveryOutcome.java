package io.parcelbell.contracts.events;

/** How a flow's webhook delivery ended ({@link FlowDeliveryChanged}). */
public enum FlowDeliveryOutcome {
  /** The receiver answered 2xx. */
  SUCCEEDED,
  /** An answer retrying cannot change (3xx, 4xx other than 408/409/425/429, 410). */
  FAILED,
  /** Every attempt of the retry schedule failed. */
  EXHAUSTED
}

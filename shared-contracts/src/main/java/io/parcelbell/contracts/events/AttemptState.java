package io.parcelbell.contracts.events;

/** The fate of one attempt on one channel (DESIGN.md, "Notification state"). */
public enum AttemptState {
  /** The provider accepted it (A000); no delivery report yet. */
  PENDING,
  /** A delivery report confirmed the phone received it (reportCode 10000). */
  DELIVERED,
  /** A delivery report, or a synchronous rejection, said it did not arrive. */
  FAILED,
  /** No report and no inquiry answer within the give-up age. */
  EXPIRED
}

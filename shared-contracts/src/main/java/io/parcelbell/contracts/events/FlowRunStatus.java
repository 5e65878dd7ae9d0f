package io.parcelbell.contracts.events;

/** What happened to a flow run ({@link FlowRunChanged}). */
public enum FlowRunStatus {
  /** An event matched an enabled flow: the run exists and waits for its first step. */
  STARTED,
  /** An exit condition held (the reason says which); nothing after it was done. */
  EXITED,
  /** Every step done (webhook steps queued their deliveries). */
  COMPLETED,
  /** A step could not be carried out; the reason says why. */
  FAILED
}

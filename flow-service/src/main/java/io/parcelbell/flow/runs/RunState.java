package io.parcelbell.flow.runs;

/** Where a run is. WAITING and RUNNING are open; the others are final. */
public enum RunState {
  /** Due at {@code dueAt} (a delay, or just started). */
  WAITING,
  /** Claimed by a replica until its lease ends. */
  RUNNING,
  /** An exit condition held; {@code exitReason} says which. */
  EXITED,
  /** Every step done (a webhook step is done once its delivery is queued). */
  DONE,
  /** A step could not be carried out (the flow version is gone, a template failed to render). */
  FAILED
}

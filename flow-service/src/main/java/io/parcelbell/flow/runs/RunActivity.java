package io.parcelbell.flow.runs;

import io.parcelbell.contracts.events.FlowRunChanged;
import io.parcelbell.contracts.events.FlowRunStatus;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;

/** The FlowRunChanged a run's change announces; its id derived from the run and the status. */
final class RunActivity {

  private RunActivity() {}

  static FlowRunChanged changed(
      String runId,
      String flowId,
      int version,
      Trigger trigger,
      String triggerEventId,
      String shipmentKey,
      FlowRunStatus status,
      String reason,
      Instant at) {
    int colon = shipmentKey.indexOf(':');
    return new FlowRunChanged(
        runId + ":" + status,
        runId,
        flowId,
        version,
        trigger.name(),
        triggerEventId,
        shipmentKey.substring(0, colon),
        shipmentKey.substring(colon + 1),
        status,
        reason,
        at);
  }

  static FlowRunChanged of(RunDocument run, RunState state, String reason, Instant at) {
    FlowRunStatus status =
        switch (state) {
          case DONE -> FlowRunStatus.COMPLETED;
          case EXITED -> FlowRunStatus.EXITED;
          case FAILED -> FlowRunStatus.FAILED;
          default -> throw new IllegalArgumentException("not an ending: " + state);
        };
    return changed(
        run.id(),
        run.flowId(),
        run.version(),
        run.trigger(),
        run.eventId(),
        run.shipmentKey(),
        status,
        reason,
        at);
  }
}

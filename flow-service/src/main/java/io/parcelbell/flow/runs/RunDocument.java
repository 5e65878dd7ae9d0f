package io.parcelbell.flow.runs;

import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of one flow for one triggering event, on the flow's version current when it started. Its
 * id is {@code <flowId>:<eventId>} (not the version): a redelivered event can never start a second
 * run, even after the flow was edited in between.
 *
 * @param event the triggering event's wire JSON, {@code eventType} its CloudEvents type
 * @param step the index of the next step to carry out
 * @param owner the replica working on it while RUNNING, until {@code leaseUntil}
 * @param claims claims since it last moved: one that keeps failing (an event that no longer reads)
 *     ends FAILED instead of being claimed forever
 * @param outcomes what each step did, in order
 */
@Document(RunDocument.COLLECTION)
public record RunDocument(
    @Id String id,
    String flowId,
    int version,
    Trigger trigger,
    String eventId,
    String eventType,
    String event,
    String shipmentKey,
    Instant triggeredAt,
    RunState state,
    int step,
    Instant dueAt,
    String owner,
    Instant leaseUntil,
    int claims,
    String exitReason,
    List<StepOutcome> outcomes,
    Instant createdAt,
    Instant updatedAt) {

  public static final String COLLECTION = "runs";

  public RunDocument {
    outcomes = outcomes == null ? List.of() : outcomes;
  }

  public static String idOf(String flowId, String eventId) {
    return flowId + ":" + eventId;
  }

  /**
   * What one step did: {@code outcome} is WAITED (until {@code detail}), PASSED (an exit condition
   * that did not hold), EXITED, QUEUED (a webhook's delivery id in {@code detail}) or FAILED.
   */
  public record StepOutcome(int step, String type, String outcome, String detail, Instant at) {}
}

package io.parcelbell.flow.delivery;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One webhook to send: the rendered body and headers (rendered once, so every retry and a replay
 * send the same bytes), and every attempt.
 *
 * @param id {@code <runId>:<step>}
 * @param webhookId the {@code webhook-id} header: the same on every attempt, so a receiver can
 *     deduplicate
 * @param shipmentKey the parcel of the run's event
 * @param owner the replica sending it now, until {@code nextAttemptAt} (its lease)
 * @param claims claims since the last recorded attempt: one that keeps failing before it can even
 *     send (an undecryptable secret) ends FAILED instead of being claimed forever
 * @param parked waiting for its disabled destination to be enabled again
 * @param scheduleBase the attempts made before the current retry schedule began (a replay starts a
 *     fresh schedule; the earlier attempts stay listed)
 */
@Document(DeliveryDocument.COLLECTION)
public record DeliveryDocument(
    @Id String id,
    String webhookId,
    String destinationId,
    String flowId,
    int version,
    String runId,
    String shipmentKey,
    int step,
    String body,
    List<Header> headers,
    DeliveryState state,
    Instant nextAttemptAt,
    String owner,
    int claims,
    boolean parked,
    int attemptCount,
    int scheduleBase,
    List<Attempt> attempts,
    Instant createdAt,
    Instant updatedAt) {

  public static final String COLLECTION = "deliveries";

  /** Most of a response body kept with an attempt. */
  public static final int RESPONSE_BODY_LIMIT = 4 * 1024;

  public DeliveryDocument {
    headers = headers == null ? List.of() : headers;
    attempts = attempts == null ? List.of() : attempts;
  }

  /** A rendered header of the flow's webhook step. */
  public record Header(String name, String value) {}

  /**
   * One attempt: when, the status (null without an answer), how long it took, the first {@link
   * #RESPONSE_BODY_LIMIT} characters of the answer, or the error.
   */
  public record Attempt(
      int number, Instant at, Integer status, long latencyMs, String responseBody, String error) {}
}

package io.parcelbell.flow.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A delivery as the API shows it: its state and every attempt (status, latency, the start of the
 * answer, the error), but not what was sent: the rendered body and header values may hold personal
 * data (a flow allowed raw values) or a receiver's credential, and every signed-in role reads this.
 */
public record DeliveryView(
    String id,
    String webhookId,
    String destinationId,
    String flowId,
    int flowVersion,
    String runId,
    int step,
    DeliveryState state,
    Instant nextAttemptAt,
    boolean parked,
    int attemptCount,
    List<DeliveryDocument.Attempt> attempts,
    List<String> headerNames,
    int bodyBytes,
    Instant createdAt,
    Instant updatedAt) {

  public static DeliveryView of(DeliveryDocument d) {
    return new DeliveryView(
        d.id(),
        d.webhookId(),
        d.destinationId(),
        d.flowId(),
        d.version(),
        d.runId(),
        d.step(),
        d.state(),
        d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null,
        d.parked(),
        d.attemptCount(),
        d.attempts(),
        d.headers().stream().map(DeliveryDocument.Header::name).toList(),
        d.body() == null ? 0 : d.body().getBytes(StandardCharsets.UTF_8).length,
        d.createdAt(),
        d.updatedAt());
  }
}

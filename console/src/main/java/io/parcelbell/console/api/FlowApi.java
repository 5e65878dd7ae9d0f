package io.parcelbell.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * flow-service's API as the console reads it, with the signed-in person's token (roles are the
 * API's to enforce). A draft the API finds wrong comes back as its field errors, not as a failure:
 * the form shows them beside the fields.
 */
@Component
public class FlowApi {

  /** A flow and its current version's definition ({@code filter} and {@code steps} as sent). */
  public record Flow(
      String id,
      String name,
      int version,
      boolean enabled,
      String trigger,
      JsonNode filter,
      JsonNode steps,
      String personalData,
      Instant createdAt,
      Instant updatedAt) {}

  /** Where a flow's webhooks go: the URL shown without its path, header names, no secret. */
  public record Destination(
      String id,
      String name,
      String url,
      List<String> headerNames,
      Integer rateLimitPerSecond,
      boolean enabled,
      String disabledReason,
      Instant disabledAt,
      Instant failingSince,
      Instant previousSecretSignsUntil,
      Instant createdAt,
      Instant updatedAt) {}

  /** One webhook delivery with every attempt (what was sent is not shown: it may be personal). */
  public record Delivery(
      String id,
      String webhookId,
      String destinationId,
      String flowId,
      int flowVersion,
      String runId,
      int step,
      String state,
      Instant nextAttemptAt,
      boolean parked,
      int attemptCount,
      List<Attempt> attempts,
      Instant createdAt,
      Instant updatedAt) {

    public Delivery {
      attempts = attempts == null ? List.of() : attempts;
    }

    public record Attempt(
        int number,
        Instant at,
        Integer status,
        long latencyMs,
        String responseBody,
        String error) {}

    /** The newest attempt, or null before the first. */
    public Attempt lastAttempt() {
      return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }
  }

  public record DeliveryPage(List<Delivery> items, String next) {

    public DeliveryPage {
      items = items == null ? List.of() : items;
    }
  }

  /** What is wrong with a draft: where (a JSON path), a stable code, and why. */
  public record FieldError(String path, String code, String reason) {}

  /** A webhook step rendered for the trigger's sample event or a past one. */
  public record Rendered(String eventId, List<Webhook> webhooks) {

    public record Webhook(
        int step, String destinationId, String body, Map<String, String> headers) {}
  }

  public record Backtest(
      Instant since,
      long scanned,
      long wouldStart,
      long wouldExit,
      boolean complete,
      List<Rendered> samples,
      List<String> sampleErrors) {}

  public record Recovered(String destinationId, Instant since, boolean dryRun, long count) {}

  /**
   * The answer to a draft: the value, or the API's field errors (422 or 400: a body it could not
   * read), never both.
   */
  public record Checked<T>(T value, List<FieldError> errors) {

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  record Problem(String code, String detail, List<FieldError> errors) {}

  record Validation(boolean valid, List<FieldError> errors) {}

  private final WebClient api;

  public FlowApi(@Qualifier("flowWebClient") WebClient api) {
    this.api = api;
  }

  public Mono<List<Flow>> flows() {
    return api.get().uri("/api/flows").retrieve().bodyToFlux(Flow.class).collectList();
  }

  /** Empty when there is no such flow. */
  public Mono<Flow> flow(String id) {
    return api.get()
        .uri("/api/flows/{id}", id)
        .retrieve()
        .bodyToMono(Flow.class)
        .onErrorResume(FlowApi::notFound, e -> Mono.empty());
  }

  public Mono<List<FieldError>> validate(Map<String, Object> draft) {
    return api.post()
        .uri("/api/flows/validate")
        .bodyValue(draft)
        .retrieve()
        .bodyToMono(Validation.class)
        .map(v -> v.errors() == null ? List.<FieldError>of() : v.errors())
        .onErrorResume(FlowApi::refusedDraft, e -> Mono.just(errors(e)));
  }

  public Mono<Checked<Rendered>> preview(Map<String, Object> draft) {
    return checked(api.post().uri("/api/flows/preview").bodyValue(draft), Rendered.class);
  }

  public Mono<Checked<Backtest>> backtest(Map<String, Object> draft, Instant since) {
    return checked(
        api.post()
            .uri(uri -> uri.path("/api/flows/backtest").queryParam("since", since).build())
            .bodyValue(draft),
        Backtest.class);
  }

  public Mono<Checked<Flow>> create(Map<String, Object> draft) {
    return checked(api.post().uri("/api/flows").bodyValue(draft), Flow.class);
  }

  public Mono<Checked<Flow>> update(String id, Map<String, Object> draft) {
    return checked(api.put().uri("/api/flows/{id}", id).bodyValue(draft), Flow.class);
  }

  /**
   * Enables or disables a flow (ADMIN): empty when done, else the code of a refusal the person can
   * act on (the flow is gone, or changed meanwhile).
   */
  public Mono<String> switchTo(String id, boolean enabled) {
    return api.post()
        .uri("/api/flows/{id}/{action}", id, enabled ? "enable" : "disable")
        .retrieve()
        .toBodilessEntity()
        .then(Mono.<String>empty())
        .onErrorResume(FlowApi::actionable, e -> Mono.just(code(e)));
  }

  public Mono<List<Destination>> destinations() {
    return api.get()
        .uri("/api/destinations")
        .retrieve()
        .bodyToFlux(Destination.class)
        .collectList();
  }

  /** Empty when there is no such destination. */
  public Mono<Destination> destination(String id) {
    return api.get()
        .uri("/api/destinations/{id}", id)
        .retrieve()
        .bodyToMono(Destination.class)
        .onErrorResume(FlowApi::notFound, e -> Mono.empty());
  }

  public Mono<DeliveryPage> deliveries(String destinationId, String state, String after) {
    return api.get()
        .uri(
            uri -> {
              uri.path("/api/deliveries").queryParam("destinationId", "{d}");
              if (state != null) {
                uri.queryParam("state", state);
              }
              if (after != null) {
                uri.queryParam("after", "{a}");
              }
              uri.queryParam("limit", 20);
              return uri.build(Map.of("d", destinationId, "a", after == null ? "" : after));
            })
        .retrieve()
        .bodyToMono(DeliveryPage.class)
        // A cursor the API does not know (edited, or its delivery deleted): the first page.
        .onErrorResume(
            e ->
                after != null
                    && e instanceof WebClientResponseException r
                    && r.getStatusCode().value() == HttpStatus.BAD_REQUEST.value(),
            e -> deliveries(destinationId, state, null));
  }

  /**
   * The same signed body again with a fresh retry schedule (OPERATOR; audit-logged there): {@code
   * REPLAYED}, or the code of a refusal the person can act on (409: still being delivered, changed
   * meanwhile).
   */
  public Mono<String> replay(String deliveryId) {
    return api.post()
        .uri("/api/deliveries/{id}/replay", deliveryId)
        .retrieve()
        .toBodilessEntity()
        .thenReturn("REPLAYED")
        .onErrorResume(FlowApi::actionable, e -> Mono.just(code(e)));
  }

  /** 404 and 409: the thing is gone or changed meanwhile; said in words, not an error page. */
  private static boolean actionable(Throwable e) {
    return e instanceof WebClientResponseException r
        && (r.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
            || r.getStatusCode().value() == HttpStatus.CONFLICT.value());
  }

  private static String code(Throwable e) {
    Problem problem = ((WebClientResponseException) e).getResponseBodyAs(Problem.class);
    return problem == null || problem.code() == null ? "REFUSED" : problem.code();
  }

  /**
   * Counts ({@code dryRun}) or re-queues the destination's failed deliveries since {@code since}.
   */
  public Mono<Recovered> recover(String destinationId, Instant since, boolean dryRun) {
    return api.post()
        .uri(
            uri ->
                uri.path("/api/destinations/{id}/recover")
                    .queryParam("since", since)
                    .queryParam("dryRun", dryRun)
                    .build(destinationId))
        .retrieve()
        .bodyToMono(Recovered.class);
  }

  private static <T> Mono<Checked<T>> checked(
      WebClient.RequestHeadersSpec<?> request, Class<T> type) {
    return request
        .retrieve()
        .bodyToMono(type)
        .map(value -> new Checked<>(value, List.<FieldError>of()))
        .onErrorResume(FlowApi::refusedDraft, e -> Mono.just(new Checked<T>(null, errors(e))));
  }

  private static boolean notFound(Throwable e) {
    return e instanceof WebClientResponseException r
        && r.getStatusCode().value() == HttpStatus.NOT_FOUND.value();
  }

  /** 422: the definition is wrong; 400: its JSON has a shape the API cannot read. */
  private static boolean refusedDraft(Throwable e) {
    return e instanceof WebClientResponseException r
        && (r.getStatusCode().value() == HttpStatus.UNPROCESSABLE_CONTENT.value()
            || r.getStatusCode().value() == HttpStatus.BAD_REQUEST.value());
  }

  private static List<FieldError> errors(Throwable e) {
    Problem problem = ((WebClientResponseException) e).getResponseBodyAs(Problem.class);
    if (problem == null) {
      return List.of(new FieldError("", "INVALID", "the API refused the draft"));
    }
    if (problem.errors() != null && !problem.errors().isEmpty()) {
      return problem.errors();
    }
    return List.of(
        new FieldError("", problem.code() == null ? "INVALID" : problem.code(), problem.detail()));
  }
}

package io.parcelbell.flow.delivery;

import io.parcelbell.flow.config.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/deliveries} (VIEWER reads; OPERATOR replays) and a destination's recover (OPERATOR).
 */
@RestController
class DeliveryController {

  static final int MAX_LIMIT = 200;

  private final DeliveryStore deliveries;
  private final Replays replays;
  private final TestSend testSend;

  DeliveryController(DeliveryStore deliveries, Replays replays, TestSend testSend) {
    this.deliveries = deliveries;
    this.replays = replays;
    this.testSend = testSend;
  }

  /** A page of deliveries and the cursor of the next ({@code after}), null on the last page. */
  record Page(List<DeliveryView> items, String next) {}

  @GetMapping("/api/deliveries")
  Mono<Page> page(
      @RequestParam(required = false) String destinationId,
      @RequestParam(required = false) String flowId,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String after,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return Mono.error(
          new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_LIMIT", "limit is 1-" + MAX_LIMIT));
    }
    DeliveryState wanted;
    try {
      wanted = state == null ? null : DeliveryState.valueOf(state);
    } catch (IllegalArgumentException e) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "INVALID_STATE",
              "state is one of " + Arrays.toString(DeliveryState.values())));
    }
    Mono<Optional<DeliveryDocument>> cursor =
        after == null
            ? Mono.just(Optional.empty())
            : deliveries
                .find(after)
                .map(Optional::of)
                .switchIfEmpty(
                    Mono.error(
                        new ApiProblem(
                            HttpStatus.BAD_REQUEST, "INVALID_CURSOR", "no delivery " + after)));
    return cursor
        .flatMap(
            from ->
                deliveries
                    .page(destinationId, flowId, wanted, from.orElse(null), limit + 1)
                    .map(DeliveryView::of)
                    .collectList())
        .map(
            items ->
                items.size() > limit
                    ? new Page(items.subList(0, limit), items.get(limit - 1).id())
                    : new Page(items, null));
  }

  @GetMapping("/api/deliveries/{id}")
  Mono<DeliveryView> one(@PathVariable String id) {
    return deliveries
        .find(id)
        .map(DeliveryView::of)
        .switchIfEmpty(
            Mono.error(() -> ApiProblem.notFound("DELIVERY_NOT_FOUND", "no delivery " + id)));
  }

  /** The same signed body again, with a fresh retry schedule (OPERATOR, audit-logged). */
  @PostMapping("/api/deliveries/{id}/replay")
  Mono<DeliveryView> replay(@PathVariable String id, ServerWebExchange exchange) {
    return replays.replay(id, exchange);
  }

  /** One signed test message to the destination now; what it answered (nothing stored). */
  @PostMapping("/api/destinations/{id}/test")
  Mono<TestSend.Answer> test(@PathVariable String id, ServerWebExchange exchange) {
    return testSend.send(id, exchange);
  }

  /**
   * Every failed or exhausted delivery of the destination created since {@code since}: counted with
   * {@code dryRun=true} (the default), re-queued with {@code dryRun=false}.
   */
  @PostMapping("/api/destinations/{id}/recover")
  Mono<Replays.Recovered> recover(
      @PathVariable String id,
      @RequestParam String since,
      @RequestParam(defaultValue = "true") boolean dryRun,
      ServerWebExchange exchange) {
    Instant from;
    try {
      from = Instant.parse(since);
    } catch (DateTimeParseException e) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "INVALID_SINCE",
              "since is an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z"));
    }
    return replays.recover(id, from, dryRun, exchange);
  }
}

package io.parcelbell.flow.runs;

import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.delivery.DeliveryStore;
import io.parcelbell.flow.delivery.DeliveryView;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/runs}: what flows did with which event, with each run's deliveries. Run answers leave
 * out the triggering event (it may hold a phone number); its id finds it on the topic.
 */
@RestController
class RunController {

  static final int MAX_LIMIT = 200;

  private final RunStore runs;
  private final DeliveryStore deliveries;

  RunController(RunStore runs, DeliveryStore deliveries) {
    this.runs = runs;
    this.deliveries = deliveries;
  }

  /** A run without its event. */
  record RunView(
      String id,
      String flowId,
      int version,
      String trigger,
      String eventId,
      String shipmentKey,
      java.time.Instant triggeredAt,
      RunState state,
      int step,
      java.time.Instant dueAt,
      String exitReason,
      List<RunDocument.StepOutcome> outcomes,
      java.time.Instant createdAt,
      java.time.Instant updatedAt) {

    static RunView of(RunDocument r) {
      return new RunView(
          r.id(),
          r.flowId(),
          r.version(),
          r.trigger().name(),
          r.eventId(),
          r.shipmentKey(),
          r.triggeredAt(),
          r.state(),
          r.step(),
          r.dueAt(),
          r.exitReason(),
          r.outcomes(),
          r.createdAt(),
          r.updatedAt());
    }
  }

  /** A page of runs and the cursor of the next ({@code after}), null on the last page. */
  record Page(List<RunView> items, String next) {}

  record RunDetail(RunView run, List<DeliveryView> deliveries) {}

  @GetMapping("/api/runs")
  Mono<Page> page(
      @RequestParam(required = false) String flowId,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String after,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return Mono.error(
          new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_LIMIT", "limit is 1-" + MAX_LIMIT));
    }
    RunState wanted;
    try {
      wanted = state == null ? null : RunState.valueOf(state);
    } catch (IllegalArgumentException e) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "INVALID_STATE",
              "state is one of " + java.util.Arrays.toString(RunState.values())));
    }
    Mono<RunDocument> cursor =
        after == null
            ? Mono.empty()
            : runs.find(after)
                .switchIfEmpty(
                    Mono.error(
                        new ApiProblem(
                            HttpStatus.BAD_REQUEST, "INVALID_CURSOR", "no run " + after)));
    return cursor
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMap(
            from ->
                runs.page(flowId, wanted, from.orElse(null), limit + 1)
                    .map(RunView::of)
                    .collectList())
        .map(
            items ->
                items.size() > limit
                    ? new Page(items.subList(0, limit), items.get(limit - 1).id())
                    : new Page(items, null));
  }

  @GetMapping("/api/runs/{id}")
  Mono<RunDetail> one(@PathVariable String id) {
    return runs.find(id)
        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("RUN_NOT_FOUND", "no run " + id)))
        .flatMap(
            run ->
                deliveries
                    .ofRun(id)
                    .map(DeliveryView::of)
                    .collectList()
                    .map(d -> new RunDetail(RunView.of(run), d)));
  }
}

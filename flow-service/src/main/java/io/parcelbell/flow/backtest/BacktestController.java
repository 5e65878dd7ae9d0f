package io.parcelbell.flow.backtest;

import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.flows.FlowDefinition;
import io.parcelbell.flow.flows.FlowRequest;
import io.parcelbell.flow.flows.Flows;
import io.parcelbell.flow.templates.TemplateVariables;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/flows/{id}/backtest} (the flow's current version) and {@code POST
 * /api/flows/backtest} (an unsaved definition): what the flow would have done with the trigger's
 * events since {@code since}. ADMIN, like enabling it; nothing is changed, so nothing is audited.
 */
@RestController
class BacktestController {

  static final int MAX_EVENTS = 100_000;

  private final Backtest backtest;
  private final Flows flows;

  BacktestController(Backtest backtest, Flows flows) {
    this.backtest = backtest;
    this.flows = flows;
  }

  @PostMapping("/api/flows/{id}/backtest")
  Mono<Backtest.Result> saved(
      @PathVariable String id,
      @RequestParam String since,
      @RequestParam(defaultValue = "10000") int maxEvents) {
    return bounds(since, maxEvents)
        .flatMap(from -> flows.current(id).flatMap(flow -> backtest.run(flow, from, maxEvents)));
  }

  @PostMapping("/api/flows/backtest")
  Mono<Backtest.Result> draft(
      @RequestBody FlowRequest request,
      @RequestParam String since,
      @RequestParam(defaultValue = "10000") int maxEvents) {
    return bounds(since, maxEvents)
        .flatMap(
            from ->
                flows
                    .validDefinition(request)
                    // A draft's samples are masked whatever it asks: raw personal data is for a
                    // saved flow an admin opted in (audit-logged), not for browsing real events.
                    .map(
                        (FlowDefinition flow) ->
                            new FlowDefinition(
                                flow.name(),
                                flow.trigger(),
                                flow.filter(),
                                flow.steps(),
                                TemplateVariables.PersonalData.MASKED))
                    .flatMap(flow -> backtest.run(flow, from, maxEvents)));
  }

  private static Mono<Instant> bounds(String since, int maxEvents) {
    if (maxEvents < 1 || maxEvents > MAX_EVENTS) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.BAD_REQUEST, "INVALID_MAX_EVENTS", "maxEvents is 1-" + MAX_EVENTS));
    }
    try {
      return Mono.just(Instant.parse(since));
    } catch (DateTimeParseException e) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "INVALID_SINCE",
              "since is an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z"));
    }
  }
}

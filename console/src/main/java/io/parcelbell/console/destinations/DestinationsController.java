package io.parcelbell.console.destinations;

import io.parcelbell.console.api.FlowApi;
import io.parcelbell.console.config.Redirect;
import io.parcelbell.console.config.SeoulDays;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Where flows deliver: each destination's state (disabled with the reason and since when, failing
 * since when), its deliveries with every attempt, and the operator's second chances: replay one
 * delivery, recover all that failed since a day (counted first, then confirmed).
 */
@Controller
class DestinationsController {

  static final List<String> STATES = List.of("PENDING", "DELIVERED", "FAILED", "EXHAUSTED");

  private final FlowApi flows;
  private final Clock clock;

  DestinationsController(FlowApi flows, Clock clock) {
    this.flows = flows;
    this.clock = clock;
  }

  @GetMapping("/destinations")
  Mono<String> list(Model model) {
    return flows
        .destinations()
        .doOnNext(all -> model.addAttribute("destinations", all))
        .thenReturn("destinations");
  }

  @GetMapping("/destinations/{id}")
  Mono<String> one(
      @PathVariable String id,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String after,
      Model model) {
    String wanted = state != null && STATES.contains(state) ? state : null;
    String cursor = after == null || after.isBlank() ? null : after;
    model.addAttribute("states", STATES);
    model.addAttribute("state", wanted);
    model.addAttribute("recoverSince", SeoulDays.today(clock).minusDays(1));
    return flows
        .destination(id)
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .flatMap(
            destination -> {
              model.addAttribute("destination", destination);
              return flows.deliveries(id, wanted, cursor);
            })
        .doOnNext(page -> model.addAttribute("page", page))
        .thenReturn("destination");
  }

  /** Replays one delivery (OPERATOR in the API); htmx gets the outcome in place of the button. */
  @PostMapping("/deliveries/{id}/replay")
  Mono<String> replay(
      @PathVariable String id,
      @RequestParam(required = false) String destinationId,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    return flows
        .replay(id)
        .doOnNext(outcome -> model.addAttribute("replay", outcome))
        .map(
            outcome ->
                "true".equals(htmx) || destinationId == null
                    ? "destination :: replay-outcome"
                    : Redirect.to("/destinations/{id}", destinationId));
  }

  /**
   * Every failed or exhausted delivery since a day (KST): without {@code confirm} only counted;
   * with it, re-queued (OPERATOR in the API; audit-logged there).
   */
  @PostMapping("/destinations/{id}/recover")
  Mono<String> recover(
      @PathVariable String id,
      @ModelAttribute RecoverForm form,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    String since = form.since();
    String confirm = form.confirm();
    // Without JavaScript the whole page comes back with the outcome in its place.
    Mono<String> view =
        "true".equals(htmx)
            ? Mono.just("destination :: recover-outcome")
            : one(id, null, null, model);
    LocalDate day = SeoulDays.parse(since);
    if (day == null) {
      model.addAttribute("recoverError", true);
      return view;
    }
    boolean dryRun = !"true".equals(confirm);
    return flows
        .recover(id, SeoulDays.start(day), dryRun)
        .doOnNext(
            recovered -> {
              model.addAttribute("recovered", recovered);
              model.addAttribute("recoverDay", day);
              model.addAttribute("destinationId", id);
            })
        .then(view);
  }

  /** The recover form: the day, and {@code confirm=true} once the count was seen. */
  record RecoverForm(String since, String confirm) {}
}

package io.parcelbell.console.flows;

import io.parcelbell.console.api.FlowApi;
import io.parcelbell.console.config.Redirect;
import io.parcelbell.console.config.SeoulDays;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Flows: the list, one flow, and the editor (ADMIN in the API) that checks the draft with the API
 * as it is typed, renders it for the trigger's sample event, backtests it against past events, and
 * saves it as the next version.
 */
@Controller
class FlowsController {

  static final List<String> TRIGGERS =
      List.of(
          "SHIPMENT_STATUS_CHANGED",
          "NOTIFICATION_SETTLED",
          "NOTIFICATION_HELD",
          "NOTIFICATION_REJECTED");
  static final List<String> PERSONAL_DATA = List.of("MASKED", "RAW");

  private final FlowApi flows;
  private final Clock clock;

  FlowsController(FlowApi flows, Clock clock) {
    this.flows = flows;
    this.clock = clock;
  }

  @ModelAttribute
  void choices(Model model) {
    model.addAttribute("triggers", TRIGGERS);
    model.addAttribute("personalDataChoices", PERSONAL_DATA);
  }

  @GetMapping("/flows")
  Mono<String> list(Model model) {
    return flows.flows().doOnNext(all -> model.addAttribute("flows", all)).thenReturn("flows");
  }

  @GetMapping("/flows/new")
  String create(Model model) {
    return editor(model, null, FlowDraft.blank(), List.of());
  }

  @GetMapping("/flows/{id}")
  Mono<String> one(
      @PathVariable String id,
      @RequestParam(required = false) Integer saved,
      @RequestParam(required = false) String refused,
      Model model) {
    model.addAttribute("saved", saved);
    // Only a code's shape: it is shown on the page.
    model.addAttribute(
        "refused", refused != null && refused.matches("[A-Z_]{1,40}") ? refused : null);
    return flows
        .flow(id)
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .map(flow -> editor(model, flow, FlowDraft.of(flow), List.of()));
  }

  /** Saves a new flow or, with {@code id}, its next version; a refusal shows the form again. */
  @PostMapping("/flows")
  Mono<String> save(@ModelAttribute FlowDraft draft, ServerWebExchange exchange, Model model) {
    List<FlowApi.FieldError> syntax = draft.syntaxErrors();
    if (!syntax.isEmpty()) {
      return refusal(exchange, model, draft, syntax);
    }
    Mono<FlowApi.Checked<FlowApi.Flow>> saved =
        draft.isNew() ? flows.create(draft.body()) : flows.update(draft.id(), draft.body());
    return saved.flatMap(
        checked ->
            checked.ok()
                ? Mono.just(
                    Redirect.to(
                        "/flows/{id}?saved={version}",
                        checked.value().id(),
                        checked.value().version()))
                : refusal(exchange, model, draft, checked.errors()));
  }

  /** The draft checked as saving it would (htmx, while typing): each field's errors replaced. */
  @PostMapping("/flows/check")
  Mono<String> check(@ModelAttribute FlowDraft draft, Model model) {
    List<FlowApi.FieldError> syntax = draft.syntaxErrors();
    Mono<List<FlowApi.FieldError>> errors =
        syntax.isEmpty() ? flows.validate(draft.body()) : Mono.just(syntax);
    return errors.doOnNext(found -> errorsModel(model, found)).thenReturn("flow :: checked");
  }

  /** The draft's webhooks rendered for the trigger's sample event; nothing is sent. */
  @PostMapping("/flows/preview")
  Mono<String> preview(@ModelAttribute FlowDraft draft, Model model) {
    List<FlowApi.FieldError> syntax = draft.syntaxErrors();
    Mono<FlowApi.Checked<FlowApi.Rendered>> rendered =
        syntax.isEmpty()
            ? flows.preview(draft.body())
            : Mono.just(new FlowApi.Checked<>(null, syntax));
    return rendered
        .doOnNext(
            checked -> {
              model.addAttribute("preview", checked.value());
              errorsModel(model, checked.errors());
            })
        .thenReturn("flow :: preview");
  }

  /** What the draft would have done with the events since a day (KST), nothing sent. */
  @PostMapping("/flows/backtest")
  Mono<String> backtest(
      @ModelAttribute FlowDraft draft, @ModelAttribute BacktestForm form, Model model) {
    LocalDate from = SeoulDays.parse(form.since());
    if (from == null) {
      from = SeoulDays.today(clock).minusDays(7);
    }
    List<FlowApi.FieldError> syntax = draft.syntaxErrors();
    Mono<FlowApi.Checked<FlowApi.Backtest>> result =
        syntax.isEmpty()
            ? flows.backtest(draft.body(), SeoulDays.start(from))
            : Mono.just(new FlowApi.Checked<>(null, syntax));
    return result
        .doOnNext(
            checked -> {
              model.addAttribute("backtest", checked.value());
              errorsModel(model, checked.errors());
            })
        .thenReturn("flow :: backtest");
  }

  /** The backtest's own field, posted with the draft. */
  record BacktestForm(String since) {}

  @PostMapping("/flows/{id}/enable")
  Mono<String> enable(@PathVariable String id) {
    return switchTo(id, true);
  }

  @PostMapping("/flows/{id}/disable")
  Mono<String> disable(@PathVariable String id) {
    return switchTo(id, false);
  }

  /** Back to the flow; a refusal (gone, changed meanwhile) is said there in words. */
  private Mono<String> switchTo(String id, boolean enabled) {
    return flows
        .switchTo(id, enabled)
        .map(refused -> Redirect.to("/flows/{id}?refused={code}", id, refused))
        .defaultIfEmpty(Redirect.to("/flows/{id}", id));
  }

  private String editor(
      Model model, FlowApi.Flow flow, FlowDraft draft, List<FlowApi.FieldError> errors) {
    model.addAttribute("flow", flow);
    model.addAttribute("draft", draft);
    model.addAttribute("backtestSince", SeoulDays.today(clock).minusDays(7));
    errorsModel(model, errors);
    return "flow";
  }

  /** The form again with the errors, the saved flow's facts beside it when there is one. */
  private Mono<String> refusal(
      ServerWebExchange exchange, Model model, FlowDraft draft, List<FlowApi.FieldError> errors) {
    Mono<Optional<FlowApi.Flow>> existing =
        draft.isNew() ? Mono.just(Optional.empty()) : flows.flow(draft.id()).map(Optional::of);
    return existing
        .defaultIfEmpty(Optional.empty())
        .map(
            flow -> {
              exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
              return editor(model, flow.orElse(null), draft, errors);
            });
  }

  private static void errorsModel(Model model, List<FlowApi.FieldError> errors) {
    Map<String, List<FlowApi.FieldError>> byField = FlowDraft.byField(errors);
    model.addAttribute("errors", byField);
    model.addAttribute("errorCount", errors.size());
    model.addAttribute("fields", FlowDraft.FIELDS);
  }
}

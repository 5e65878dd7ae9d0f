package io.parcelbell.flow.flows;

import io.parcelbell.flow.config.ApiProblem.FieldError;
import io.parcelbell.flow.filters.EventFields;
import io.parcelbell.flow.templates.FlowTemplates;
import io.parcelbell.flow.templates.TemplateVariables;
import io.parcelbell.flow.triggers.SampleEvents;
import io.parcelbell.flow.triggers.Trigger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/flows}. Roles in config.Access. */
@RestController
@RequestMapping("/api/flows")
class FlowController {

  private final Flows flows;
  private final FlowTemplates templates;

  FlowController(Flows flows, FlowTemplates templates) {
    this.flows = flows;
    this.templates = templates;
  }

  @PostMapping
  Mono<ResponseEntity<FlowView>> create(
      @RequestBody FlowRequest request, ServerWebExchange exchange) {
    return flows
        .create(request, exchange)
        .map(
            flow ->
                ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/api/flows/" + flow.id())
                    .body(flow));
  }

  /** Saves the next version; runs in flight finish on the version they started with. */
  @PutMapping("/{id}")
  Mono<FlowView> update(
      @PathVariable String id, @RequestBody FlowRequest request, ServerWebExchange exchange) {
    return flows.update(id, request, exchange);
  }

  /** A draft's problems, as saving it would answer them (for validation while typing). */
  @PostMapping("/validate")
  Mono<Validation> validate(@RequestBody FlowRequest request) {
    return flows.check(request).map(errors -> new Validation(errors.isEmpty(), errors));
  }

  /**
   * A draft's webhook steps rendered for the trigger's sample event (or as far as it is valid: the
   * same 422 as saving it), nothing sent.
   */
  @PostMapping("/preview")
  Mono<Rendered> preview(@RequestBody FlowRequest request) {
    return flows
        .validDefinition(request)
        .map(
            flow ->
                Rendered.of(
                    templates, flow, SampleEvents.full(flow.trigger()), SampleEvents.METADATA));
  }

  @GetMapping
  Flux<FlowView> all() {
    return flows.all();
  }

  @GetMapping("/{id}")
  Mono<FlowView> one(@PathVariable String id) {
    return flows.find(id);
  }

  @PostMapping("/{id}/enable")
  Mono<FlowView> enable(@PathVariable String id, ServerWebExchange exchange) {
    return flows.switchTo(id, true, exchange);
  }

  @PostMapping("/{id}/disable")
  Mono<FlowView> disable(@PathVariable String id, ServerWebExchange exchange) {
    return flows.switchTo(id, false, exchange);
  }

  /** What a flow can start on, filter and print, per trigger. */
  @GetMapping("/triggers")
  List<TriggerInfo> triggers() {
    return Arrays.stream(Trigger.values()).map(TriggerInfo::of).toList();
  }

  record Validation(boolean valid, List<FieldError> errors) {}

  /**
   * @param fields filterable fields: path → type and, for enums, the allowed values
   * @param variables template variables
   */
  record TriggerInfo(
      Trigger trigger, String topic, Map<String, EventFields.Field> fields, Set<String> variables) {

    static TriggerInfo of(Trigger trigger) {
      Map<String, EventFields.Field> fields = new TreeMap<>();
      trigger.fields().paths().forEach(p -> fields.put(p, trigger.fields().field(p).orElseThrow()));
      return new TriggerInfo(trigger, trigger.topic(), fields, TemplateVariables.names(trigger));
    }
  }
}

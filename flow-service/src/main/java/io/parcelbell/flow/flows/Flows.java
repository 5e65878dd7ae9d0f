package io.parcelbell.flow.flows;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.config.ApiProblem.FieldError;
import io.parcelbell.flow.destinations.DestinationStore;
import io.parcelbell.flow.templates.TemplateValidator;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin's changes to flows: create, save a new version, enable, disable. Each is validated in
 * full (every problem with its path), applied, then audit-logged (a flow allowed raw personal data
 * gets its own record); if the audit log cannot be written the change is taken back (503).
 */
@Service
public class Flows {

  private final FlowStore store;
  private final DestinationStore destinations;
  private final FlowValidator validator;
  private final FlowDefinitions definitions;
  private final ActiveFlows active;
  private final AuditTrail audit;
  private final Clock clock;

  Flows(
      FlowStore store,
      DestinationStore destinations,
      TemplateValidator templates,
      FlowDefinitions definitions,
      ActiveFlows active,
      AuditTrail audit,
      Clock clock) {
    this.store = store;
    this.destinations = destinations;
    this.validator = new FlowValidator(templates);
    this.definitions = definitions;
    this.active = active;
    this.audit = audit;
    this.clock = clock;
  }

  /** Every problem of a draft; empty when it would save. */
  public Mono<List<FieldError>> check(FlowRequest request) {
    FlowDefinition definition = request.definition();
    List<FieldError> errors = new ArrayList<>(validator.validate(definition));
    return Flux.range(0, definition.steps().size())
        .filter(
            i -> definition.steps().get(i) instanceof Step.Webhook w && w.destinationId() != null)
        .concatMap(
            i -> {
              String id = ((Step.Webhook) definition.steps().get(i)).destinationId();
              return destinations
                  .find(id)
                  .hasElement()
                  .filter(found -> !found)
                  .map(
                      missing ->
                          new FieldError(
                              "steps[" + i + "].destinationId",
                              "DESTINATION_NOT_FOUND",
                              "no destination " + id));
            })
        .collectList()
        .map(
            missing -> {
              errors.addAll(missing);
              return errors;
            });
  }

  public Mono<FlowView> create(FlowRequest request, ServerWebExchange exchange) {
    FlowDefinition definition = request.definition();
    Instant now = clock.instant();
    String id = "flw_" + UUID.randomUUID().toString().replace("-", "");
    return valid(request)
        .then(AuditTrail.caller())
        .flatMap(
            actor -> {
              var first =
                  new FlowVersionDocument(
                      FlowVersionDocument.idOf(id, 1),
                      id,
                      1,
                      definitions.write(definition),
                      now,
                      actor.subject());
              var flow =
                  new FlowDocument(
                      id,
                      definition.name(),
                      definition.trigger(),
                      1,
                      Boolean.TRUE.equals(request.enabled()),
                      now,
                      now,
                      null);
              return store
                  .insert(flow, first)
                  .flatMap(
                      saved ->
                          audited(
                                  exchange,
                                  AuditActions.FLOW_CREATE,
                                  id,
                                  Map.of(
                                      "version", "1", "enabled", Boolean.toString(saved.enabled())),
                                  definition.personalData() == PersonalData.RAW,
                                  store.remove(saved, first))
                              .thenReturn(FlowView.of(saved, definition)));
            })
        .doOnSuccess(saved -> refreshSoon());
  }

  public Mono<FlowView> update(String flowId, FlowRequest request, ServerWebExchange exchange) {
    FlowDefinition definition = request.definition();
    Instant now = clock.instant();
    return valid(request)
        .then(existing(flowId))
        .zipWith(AuditTrail.caller())
        .flatMap(
            pair -> {
              FlowDocument before = pair.getT1();
              int next = before.currentVersion() + 1;
              var version =
                  new FlowVersionDocument(
                      FlowVersionDocument.idOf(flowId, next),
                      flowId,
                      next,
                      definitions.write(definition),
                      now,
                      pair.getT2().subject());
              return store
                  .version(flowId, before.currentVersion())
                  .map(definitions::read)
                  .flatMap(
                      previous ->
                          store
                              .insertVersion(version)
                              .onErrorMap(
                                  DuplicateKeyException.class, e -> changedMeanwhile(flowId))
                              .then(
                                  store.moveTo(
                                      flowId,
                                      before.currentVersion(),
                                      next,
                                      definition.name(),
                                      definition.trigger(),
                                      now))
                              .switchIfEmpty(
                                  Mono.defer(
                                      () ->
                                          store
                                              .removeVersion(version)
                                              .then(Mono.error(changedMeanwhile(flowId)))))
                              .flatMap(
                                  saved ->
                                      audited(
                                              exchange,
                                              AuditActions.FLOW_UPDATE,
                                              flowId,
                                              Map.of("version", Integer.toString(next)),
                                              definition.personalData() == PersonalData.RAW
                                                  && previous.personalData() != PersonalData.RAW,
                                              store
                                                  .moveTo(
                                                      flowId,
                                                      next,
                                                      before.currentVersion(),
                                                      before.name(),
                                                      before.trigger(),
                                                      now)
                                                  .then(store.removeVersion(version)))
                                          .thenReturn(FlowView.of(saved, definition))));
            })
        .doOnSuccess(saved -> refreshSoon());
  }

  public Mono<FlowView> switchTo(String flowId, boolean enabled, ServerWebExchange exchange) {
    Instant now = clock.instant();
    return existing(flowId)
        .then(store.switchTo(flowId, enabled, now))
        .flatMap(
            saved ->
                audited(
                        exchange,
                        enabled ? AuditActions.FLOW_ENABLE : AuditActions.FLOW_DISABLE,
                        flowId,
                        Map.of("version", Integer.toString(saved.currentVersion())),
                        false,
                        store.switchTo(flowId, !enabled, now).then())
                    .thenReturn(saved))
        // Already in that state: nothing changed, nothing recorded.
        .switchIfEmpty(Mono.defer(() -> existing(flowId)))
        .flatMap(this::view)
        .doOnSuccess(saved -> refreshSoon());
  }

  /** The definition of a draft, once it is valid (else the same 422 as saving it). */
  public Mono<FlowDefinition> validDefinition(FlowRequest request) {
    return valid(request).then(Mono.fromSupplier(request::definition));
  }

  /** The flow's current version's definition. */
  public Mono<FlowDefinition> current(String flowId) {
    return existing(flowId)
        .flatMap(flow -> store.version(flow.id(), flow.currentVersion()))
        .map(definitions::read);
  }

  public Mono<FlowView> find(String flowId) {
    return existing(flowId).flatMap(this::view);
  }

  public Flux<FlowView> all() {
    return store.all().concatMap(this::view);
  }

  private Mono<FlowView> view(FlowDocument flow) {
    return store
        .version(flow.id(), flow.currentVersion())
        .map(v -> FlowView.of(flow, definitions.read(v)));
  }

  private Mono<FlowDocument> existing(String flowId) {
    return store
        .find(flowId)
        .switchIfEmpty(
            Mono.error(() -> ApiProblem.notFound("FLOW_NOT_FOUND", "no flow " + flowId)));
  }

  private Mono<Void> valid(FlowRequest request) {
    return check(request)
        .flatMap(
            errors ->
                errors.isEmpty()
                    ? Mono.empty()
                    : Mono.error(
                        ApiProblem.invalid("FLOW_INVALID", "the flow is not valid", errors)));
  }

  private Mono<Void> audited(
      ServerWebExchange exchange,
      String action,
      String flowId,
      Map<String, String> details,
      boolean rawPersonalData,
      Mono<?> undo) {
    AuditTarget target = new AuditTarget("flow", flowId);
    Mono<?> raw =
        rawPersonalData
            ? audit.record(exchange, AuditActions.FLOW_PERSONAL_DATA_RAW, target, details)
            : Mono.empty();
    return audit
        .record(exchange, action, target, details)
        .then(raw)
        .onErrorResume(e -> undo.onErrorResume(ignored -> Mono.empty()).then(Mono.error(e)))
        .then();
  }

  /** Off the request's thread: re-reading the active flows blocks on MongoDB. */
  private void refreshSoon() {
    Mono.fromRunnable(active::refresh)
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(ignored -> {}, e -> {});
  }

  private static ApiProblem changedMeanwhile(String flowId) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "CHANGED_MEANWHILE",
        "flow " + flowId + " was saved by someone else meanwhile; read it and try again");
  }
}

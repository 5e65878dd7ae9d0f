package io.parcelbell.flow.runs;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.flow.activity.ActivityPublisher;
import io.parcelbell.flow.activity.PendingActivity;
import io.parcelbell.flow.calendar.BusinessDays;
import io.parcelbell.flow.delivery.DeliveryDocument;
import io.parcelbell.flow.delivery.DeliveryQueued;
import io.parcelbell.flow.delivery.DeliveryState;
import io.parcelbell.flow.delivery.DeliveryStore;
import io.parcelbell.flow.flows.FlowDefinition;
import io.parcelbell.flow.flows.FlowVersions;
import io.parcelbell.flow.flows.Step;
import io.parcelbell.flow.runs.RunDocument.StepOutcome;
import io.parcelbell.flow.shipments.ShipmentFacts;
import io.parcelbell.flow.templates.FlowTemplates;
import io.parcelbell.flow.templates.FlowTemplates.Kind;
import io.parcelbell.flow.templates.TemplateException;
import io.parcelbell.flow.templates.TemplateVariables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries a claimed run forward from its current step until it has to wait (a delay not yet due) or
 * ends: a delay sets the run WAITING until its time; an exit condition ends it EXITED when the
 * parcel reached one of its statuses since the trigger (checked where it stands and after every
 * later delay); a webhook step renders its body and headers and queues the delivery, which is sent
 * on its own schedule. The first delay counts from the triggering event's time, later ones from
 * when the run reached them. Every move is made only while this replica holds the run.
 */
@Component
class StepRunner {

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final FlowVersions versions;
  private final RunStore runs;
  private final DeliveryStore deliveries;
  private final ShipmentFacts shipments;
  private final FlowTemplates templates;
  private final BusinessDays businessDays;
  private final ActivityPublisher activity;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  StepRunner(
      FlowVersions versions,
      RunStore runs,
      DeliveryStore deliveries,
      ShipmentFacts shipments,
      FlowTemplates templates,
      BusinessDays businessDays,
      ActivityPublisher activity,
      ApplicationEventPublisher events,
      Clock clock) {
    this.versions = versions;
    this.runs = runs;
    this.deliveries = deliveries;
    this.shipments = shipments;
    this.templates = templates;
    this.businessDays = businessDays;
    this.activity = activity;
    this.events = events;
    this.clock = clock;
  }

  Mono<Void> run(RunDocument run) {
    // The version decides; resume() completes empty, so "no version" must be told apart by the
    // lookup itself, not by an empty result at the end.
    return versions
        .get(run.flowId(), run.version())
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMap(
            definition ->
                definition.isPresent()
                    ? resume(run, definition.get())
                    : finish(
                        run,
                        RunState.FAILED,
                        run.step(),
                        "flow version " + run.version() + " is gone",
                        new ArrayList<>()));
  }

  private Mono<Void> resume(RunDocument run, FlowDefinition definition) {
    List<StepOutcome> outcomes = new ArrayList<>();
    int at = run.step();
    boolean afterDelay = at > 0 && definition.steps().get(at - 1) instanceof Step.Delay;
    if (!afterDelay) {
      return step(run, definition, at, outcomes);
    }
    return exitAfterDelay(run, definition, at)
        .flatMap(
            exit ->
                exit.isPresent()
                    ? finish(run, RunState.EXITED, at, exit.get(), outcomes)
                    : step(run, definition, at, outcomes));
  }

  private Mono<Void> step(
      RunDocument run, FlowDefinition definition, int index, List<StepOutcome> outcomes) {
    if (index >= definition.steps().size()) {
      return finish(run, RunState.DONE, index, null, outcomes);
    }
    Instant now = clock.instant();
    Step step = definition.steps().get(index);
    if (step instanceof Step.Delay delay) {
      Instant from = index == 0 ? run.triggeredAt() : now;
      Instant due = dueOf(delay, from);
      outcomes.add(new StepOutcome(index, "delay", "WAITED", due.toString(), now));
      if (due.isAfter(now)) {
        return runs.advance(run, RunState.WAITING, index + 1, due, null, outcomes, List.of(), now)
            .then();
      }
      return exitAfterDelay(run, definition, index + 1)
          .flatMap(
              exit ->
                  exit.isPresent()
                      ? finish(run, RunState.EXITED, index + 1, exit.get(), outcomes)
                      : step(run, definition, index + 1, outcomes));
    }
    if (step instanceof Step.Exit exit) {
      return exitReason(run, exit)
          .flatMap(
              reason -> {
                if (reason.isPresent()) {
                  outcomes.add(new StepOutcome(index, "exit", "EXITED", reason.get(), now));
                  return finish(run, RunState.EXITED, index + 1, reason.get(), outcomes);
                }
                outcomes.add(new StepOutcome(index, "exit", "PASSED", null, now));
                return step(run, definition, index + 1, outcomes);
              });
    }
    Step.Webhook webhook = (Step.Webhook) step;
    return queue(run, definition, index, webhook, now)
        .flatMap(
            delivery -> {
              outcomes.add(new StepOutcome(index, "webhook", "QUEUED", delivery, now));
              return step(run, definition, index + 1, outcomes);
            })
        .onErrorResume(
            TemplateException.class,
            e -> {
              String reason = "webhook step " + index + ": " + e.code() + " " + e.getMessage();
              outcomes.add(new StepOutcome(index, "webhook", "FAILED", reason, now));
              return finish(run, RunState.FAILED, index, reason, outcomes);
            });
  }

  private Instant dueOf(Step.Delay delay, Instant from) {
    if (delay.duration() != null) {
      return from.plus(delay.duration());
    }
    return businessDays.after(from, delay.businessDays(), delay.at());
  }

  /** The exit conditions before {@code index}, checked after a delay: the first that holds. */
  private Mono<Optional<String>> exitAfterDelay(
      RunDocument run, FlowDefinition definition, int index) {
    List<Step.Exit> exits =
        definition.steps().subList(0, index).stream()
            .filter(Step.Exit.class::isInstance)
            .map(Step.Exit.class::cast)
            .toList();
    return reactor.core.publisher.Flux.fromIterable(exits)
        .concatMap(exit -> exitReason(run, exit).filter(Optional::isPresent).map(Optional::get))
        .next()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty());
  }

  private Mono<Optional<String>> exitReason(RunDocument run, Step.Exit exit) {
    return shipments
        .reached(run.shipmentKey(), exit.shipmentReached(), run.triggeredAt(), run.eventId())
        .map(seen -> seen.map(s -> "the shipment reached " + s.status() + " at " + s.occurredAt()));
  }

  /** Renders and queues the webhook; emits the delivery id. */
  private Mono<String> queue(
      RunDocument run, FlowDefinition definition, int index, Step.Webhook webhook, Instant now) {
    ParcelbellEvent event = eventOf(run);
    Mono<ShipmentMetadata> known =
        run.trigger().isShipmentEvent()
            ? Mono.just(ShipmentMetadata.EMPTY)
            : shipments.metadataOf(run.shipmentKey());
    return known.flatMap(
        metadata -> {
          Map<String, Object> variables =
              TemplateVariables.of(
                  run.trigger(),
                  event,
                  run.trigger().isShipmentEvent() ? null : metadata,
                  definition.personalData());
          String body = templates.render(Kind.BODY, webhook.body(), variables);
          try {
            STRICT_JSON.readTree(body);
          } catch (JacksonException e) {
            return Mono.error(
                new TemplateException(
                    "TEMPLATE_NOT_JSON",
                    null,
                    "rendered body is not JSON: " + e.getOriginalMessage(),
                    e));
          }
          List<DeliveryDocument.Header> headers = new ArrayList<>();
          webhook
              .headers()
              .forEach(
                  (name, source) ->
                      headers.add(
                          new DeliveryDocument.Header(
                              name, templates.render(Kind.HEADER, source, variables))));
          String id = run.id() + ":" + index;
          return deliveries
              .queue(
                  new DeliveryDocument(
                      id,
                      webhookId(id),
                      webhook.destinationId(),
                      run.flowId(),
                      run.version(),
                      run.id(),
                      run.shipmentKey(),
                      index,
                      body,
                      headers,
                      DeliveryState.PENDING,
                      now,
                      null,
                      0,
                      false,
                      0,
                      0,
                      List.of(),
                      now,
                      now))
              // Due now: this replica's delivery lanes look at once instead of at their next poll.
              .doOnSuccess(queued -> events.publishEvent(DeliveryQueued.INSTANCE))
              .thenReturn(id);
        });
  }

  /** Ends a run that cannot be carried out (it keeps failing before it can move). */
  Mono<Void> fail(RunDocument run, String reason) {
    return finish(run, RunState.FAILED, run.step(), reason, new ArrayList<>());
  }

  private Mono<Void> finish(
      RunDocument run, RunState state, int step, String reason, List<StepOutcome> outcomes) {
    Instant now = clock.instant();
    List<PendingActivity> ended =
        List.of(PendingActivity.of(RunActivity.of(run, state, reason, now)));
    return runs.advance(run, state, step, null, reason, outcomes, ended, now)
        .flatMap(
            moved ->
                moved ? activity.publish(RunDocument.COLLECTION, run.id(), ended) : Mono.empty());
  }

  private static ParcelbellEvent eventOf(RunDocument run) {
    var type =
        EventTypes.classOf(run.eventType())
            .orElseThrow(() -> new IllegalStateException("unknown event type " + run.eventType()));
    return EventJson.read(run.event().getBytes(StandardCharsets.UTF_8), type);
  }

  /** {@code msg_} and 32 hex digits: stable for a run's step, and no internal ids in the header. */
  static String webhookId(String deliveryId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(deliveryId.getBytes(StandardCharsets.UTF_8));
      return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

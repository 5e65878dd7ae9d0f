package io.parcelbell.flow.runs;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.FlowRunStatus;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.flow.activity.ActivityPublisher;
import io.parcelbell.flow.activity.PendingActivity;
import io.parcelbell.flow.filters.FilterEvaluator;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.flows.ActiveFlows.ActiveFlow;
import io.parcelbell.flow.shipments.ShipmentFacts;
import io.parcelbell.flow.triggers.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What one event does here: a shipment event is remembered ({@link ShipmentFacts}); then every
 * enabled flow whose trigger and filter it matches gets a run at its current version, due at once.
 * A run's id is {@code <flow>:<eventId>}: the same event seen again starts nothing new, whatever
 * version the flow is at by then.
 */
@Component
class RunStarter {

  private final ShipmentFacts shipments;
  private final ActiveFlows flows;
  private final RunStore runs;
  private final ActivityPublisher activity;
  private final Clock clock;

  RunStarter(
      ShipmentFacts shipments,
      ActiveFlows flows,
      RunStore runs,
      ActivityPublisher activity,
      Clock clock) {
    this.shipments = shipments;
    this.flows = flows;
    this.runs = runs;
    this.activity = activity;
    this.clock = clock;
  }

  Mono<Void> handle(ParcelbellEvent event) {
    Mono<Void> remembered =
        event instanceof ShipmentStatusChanged shipment ? shipments.saw(shipment) : Mono.empty();
    return remembered.then(
        Mono.defer(() -> Trigger.of(event).map(t -> start(t, event)).orElse(Mono.empty())));
  }

  private Mono<Void> start(Trigger trigger, ParcelbellEvent event) {
    List<ActiveFlow> candidates = flows.of(trigger);
    if (candidates.isEmpty()) {
      return Mono.empty();
    }
    byte[] wire = EventJson.write(event);
    JsonNode fields = EventJson.mapper().readTree(wire);
    Instant now = clock.instant();
    Instant occurred = occurredAt(fields, now);
    return Flux.fromIterable(candidates)
        .filter(
            f ->
                f.definition().filter() == null
                    || FilterEvaluator.matches(f.definition().filter(), fields))
        .concatMap(f -> start(f, trigger, event, wire, occurred, now))
        .then();
  }

  private Mono<Void> start(
      ActiveFlow flow,
      Trigger trigger,
      ParcelbellEvent event,
      byte[] wire,
      Instant occurred,
      Instant now) {
    String runId = RunDocument.idOf(flow.flowId(), event.eventId());
    var started =
        PendingActivity.of(
            RunActivity.changed(
                runId,
                flow.flowId(),
                flow.version(),
                trigger,
                event.eventId(),
                event.shipmentKey(),
                FlowRunStatus.STARTED,
                null,
                now));
    var run =
        new RunDocument(
            runId,
            flow.flowId(),
            flow.version(),
            trigger,
            event.eventId(),
            EventTypes.typeOf(event),
            new String(wire, StandardCharsets.UTF_8),
            event.shipmentKey(),
            occurred,
            RunState.WAITING,
            0,
            now,
            null,
            null,
            0,
            null,
            List.of(),
            now,
            now);
    return runs.start(run, started)
        .flatMap(
            inserted ->
                inserted
                    ? activity.publish(RunDocument.COLLECTION, runId, List.of(started))
                    : Mono.empty());
  }

  private static Instant occurredAt(JsonNode fields, Instant now) {
    JsonNode at = fields.get("occurredAt");
    Instant occurred = at == null || at.isNull() ? now : Instant.parse(at.asString());
    // A clock ahead of ours must not push the first delay further out than it says.
    return occurred.isAfter(now) ? now : occurred;
  }
}

package io.parcelbell.flow.runs;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.EventJson;
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
 * A run's id is {@code <flow>:<version>:<eventId>}: the same event seen again starts nothing new.
 */
@Component
class RunStarter {

  private final ShipmentFacts shipments;
  private final ActiveFlows flows;
  private final RunStore runs;
  private final Clock clock;

  RunStarter(ShipmentFacts shipments, ActiveFlows flows, RunStore runs, Clock clock) {
    this.shipments = shipments;
    this.flows = flows;
    this.runs = runs;
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
        .concatMap(
            f ->
                runs.start(
                    new RunDocument(
                        RunDocument.idOf(f.flowId(), f.version(), event.eventId()),
                        f.flowId(),
                        f.version(),
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
                        null,
                        List.of(),
                        now,
                        now)))
        .then();
  }

  private static Instant occurredAt(JsonNode fields, Instant now) {
    JsonNode at = fields.get("occurredAt");
    Instant occurred = at == null || at.isNull() ? now : Instant.parse(at.asString());
    // A clock ahead of ours must not push the first delay further out than it says.
    return occurred.isAfter(now) ? now : occurred;
  }
}

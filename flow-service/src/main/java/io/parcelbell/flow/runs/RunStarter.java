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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
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
        Mono.defer(
            () ->
                Flux.fromIterable(startsOf(event))
                    .concatMap(
                        s ->
                            runs.start(s.run(), s.started())
                                .flatMap(inserted -> inserted ? announce(s) : Mono.empty()))
                    .then()));
  }

  /**
   * {@link #handle} for a polled batch, in two commands whatever its size: every shipment event
   * remembered (in order), then every run the events start inserted. A run announced by one event
   * before the next one's, per shipment, as {@link #handle} would one event after the other.
   */
  Mono<Void> handleAll(List<ParcelbellEvent> events) {
    List<ShipmentStatusChanged> seen =
        events.stream()
            .filter(ShipmentStatusChanged.class::isInstance)
            .map(ShipmentStatusChanged.class::cast)
            .toList();
    return shipments
        .sawAll(seen)
        .then(
            Mono.defer(
                () -> {
                  List<RunStore.Starting> starting =
                      events.stream().flatMap(e -> startsOf(e).stream()).toList();
                  return runs.startAll(starting)
                      .flatMapMany(
                          inserted ->
                              Flux.fromIterable(
                                  starting.stream()
                                      .filter(s -> inserted.contains(s.run().id()))
                                      .collect(
                                          Collectors.groupingBy(
                                              s -> String.valueOf(s.run().shipmentKey()),
                                              LinkedHashMap::new,
                                              Collectors.toList()))
                                      .values()))
                      .flatMap(
                          ofOneShipment ->
                              Flux.fromIterable(ofOneShipment).concatMap(this::announce))
                      .then();
                }));
  }

  private Mono<Void> announce(RunStore.Starting s) {
    return activity.publish(RunDocument.COLLECTION, s.run().id(), List.of(s.started()));
  }

  /** The runs an event starts: one per enabled flow whose trigger and filter it matches. */
  private List<RunStore.Starting> startsOf(ParcelbellEvent event) {
    return Trigger.of(event).map(t -> startsOf(t, event)).orElse(List.of());
  }

  private List<RunStore.Starting> startsOf(Trigger trigger, ParcelbellEvent event) {
    List<ActiveFlow> candidates = flows.of(trigger);
    if (candidates.isEmpty()) {
      return List.of();
    }
    byte[] wire = EventJson.write(event);
    JsonNode fields = EventJson.mapper().readTree(wire);
    Instant now = clock.instant();
    Instant occurred = occurredAt(fields, now);
    return candidates.stream()
        .filter(
            f ->
                f.definition().filter() == null
                    || FilterEvaluator.matches(f.definition().filter(), fields))
        .map(f -> starting(f, trigger, event, wire, occurred, now))
        .toList();
  }

  private RunStore.Starting starting(
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
    return new RunStore.Starting(run, started);
  }

  private static Instant occurredAt(JsonNode fields, Instant now) {
    JsonNode at = fields.get("occurredAt");
    Instant occurred = at == null || at.isNull() ? now : Instant.parse(at.asString());
    // A clock ahead of ours must not push the first delay further out than it says.
    return occurred.isAfter(now) ? now : occurred;
  }
}

package io.parcelbell.flow.flows;

import io.parcelbell.flow.filters.Filter;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import java.util.List;

/** A flow as the API shows it: the flow's state and its current version's definition. */
public record FlowView(
    String id,
    String name,
    int version,
    boolean enabled,
    Trigger trigger,
    Filter filter,
    List<Step> steps,
    PersonalData personalData,
    Instant createdAt,
    Instant updatedAt) {

  static FlowView of(FlowDocument flow, FlowDefinition definition) {
    return new FlowView(
        flow.id(),
        flow.name(),
        flow.currentVersion(),
        flow.enabled(),
        definition.trigger(),
        definition.filter(),
        definition.steps(),
        definition.personalData(),
        flow.createdAt(),
        flow.updatedAt());
  }
}

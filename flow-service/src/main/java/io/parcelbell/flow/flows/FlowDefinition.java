package io.parcelbell.flow.flows;

import io.parcelbell.flow.filters.Filter;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import io.parcelbell.flow.triggers.Trigger;
import java.util.List;

/**
 * What a flow does, as one version holds it: the trigger, its filter (null: every event of the
 * trigger), the steps, and whether templates see raw personal data.
 */
public record FlowDefinition(
    String name, Trigger trigger, Filter filter, List<Step> steps, PersonalData personalData) {

  public FlowDefinition {
    steps = steps == null ? List.of() : List.copyOf(steps);
    personalData = personalData == null ? PersonalData.MASKED : personalData;
  }
}

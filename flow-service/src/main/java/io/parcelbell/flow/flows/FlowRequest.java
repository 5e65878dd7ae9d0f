package io.parcelbell.flow.flows;

import io.parcelbell.flow.filters.Filter;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import io.parcelbell.flow.triggers.Trigger;
import java.util.List;

/**
 * What an admin sends to create a flow or save its next version. {@code enabled} is read on create
 * only (default false: check it, backtest it, then enable it); afterwards the enable and disable
 * actions switch it.
 */
public record FlowRequest(
    String name,
    Trigger trigger,
    Filter filter,
    List<Step> steps,
    PersonalData personalData,
    Boolean enabled) {

  FlowDefinition definition() {
    return new FlowDefinition(
        name == null ? null : name.strip(), trigger, filter, steps, personalData);
  }
}

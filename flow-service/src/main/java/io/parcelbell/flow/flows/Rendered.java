package io.parcelbell.flow.flows;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.flow.templates.FlowTemplates;
import io.parcelbell.flow.templates.FlowTemplates.Kind;
import io.parcelbell.flow.templates.TemplateVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A flow's webhook steps rendered for one event: what would be sent, without sending it. */
public record Rendered(String eventId, List<Webhook> webhooks) {

  /** One webhook step's body and headers for the event. */
  public record Webhook(int step, String destinationId, String body, Map<String, String> headers) {}

  /**
   * Renders every webhook step of {@code flow} for {@code event}; {@code known} is the parcel's
   * metadata (for notification triggers). A template error is a TemplateException.
   */
  public static Rendered of(
      FlowTemplates templates, FlowDefinition flow, ParcelbellEvent event, ShipmentMetadata known) {
    Map<String, Object> variables =
        TemplateVariables.of(
            flow.trigger(),
            event,
            flow.trigger().isShipmentEvent() ? null : known,
            flow.personalData());
    List<Webhook> webhooks = new ArrayList<>();
    for (int i = 0; i < flow.steps().size(); i++) {
      if (flow.steps().get(i) instanceof Step.Webhook webhook) {
        Map<String, String> headers = new LinkedHashMap<>();
        webhook
            .headers()
            .forEach(
                (name, source) ->
                    headers.put(name, templates.render(Kind.HEADER, source, variables)));
        webhooks.add(
            new Webhook(
                i,
                webhook.destinationId(),
                templates.render(Kind.BODY, webhook.body(), variables),
                headers));
      }
    }
    return new Rendered(event.eventId(), webhooks);
  }
}

package io.parcelbell.flow.templates;

import io.parcelbell.contracts.NameMasking;
import io.parcelbell.contracts.PhoneMasking;
import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.flow.triggers.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What a template can name, the same four groups for every trigger:
 *
 * <ul>
 *   <li>{@code event}: {@code id}, {@code type} (its CloudEvents type), {@code occurredAt};
 *   <li>{@code shipment}: {@code courierCode}, {@code trackingNumber}, {@code status} (and, on a
 *       shipment event, its other fields);
 *   <li>{@code metadata}: the order's {@code orderId}, {@code customerPhone}, {@code customerName},
 *       {@code productName}, {@code courierName} — from the shipment event, or for a notification
 *       event from the last shipment event this service saw for the parcel;
 *   <li>{@code notification} (notification triggers only): the event's other wire fields, e.g.
 *       {@code notification.reason}, {@code notification.notificationState}.
 * </ul>
 *
 * Every name a trigger has is present (null when the event has no value), so strict rendering fails
 * only on a name that does not exist. Phone and name are masked unless the flow opted in to raw
 * personal data.
 */
public final class TemplateVariables {

  /** How a flow sees the customer's phone and name. */
  public enum PersonalData {
    MASKED,
    RAW
  }

  private TemplateVariables() {}

  /**
   * The variables of one event; {@code known} is the parcel's metadata from its shipment events.
   */
  public static Map<String, Object> of(
      Trigger trigger, ParcelbellEvent event, ShipmentMetadata known, PersonalData personalData) {
    JsonNode wire = EventJson.mapper().valueToTree(event);
    Map<String, Object> eventVars = new LinkedHashMap<>();
    Map<String, Object> shipment = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    Map<String, Object> notification = new LinkedHashMap<>();
    eventVars.put("id", text(wire.get("eventId")));
    eventVars.put("type", EventTypes.typeOf(event));
    eventVars.put("occurredAt", text(wire.get("occurredAt")));
    ShipmentMetadata from = known == null ? ShipmentMetadata.EMPTY : known;
    putMetadata(metadata, from);
    for (String path : trigger.fields().paths()) {
      Object value = valueAt(wire, path);
      if (path.equals("eventId") || path.equals("occurredAt")) {
        continue;
      }
      if (path.startsWith("metadata.")) {
        metadata.put(path.substring("metadata.".length()), value);
      } else if (trigger.isShipmentEvent()) {
        shipment.put(path, value);
      } else if (path.equals("courierCode") || path.equals("trackingNumber")) {
        shipment.put(path, value);
      } else if (path.equals("shipmentStatus")) {
        shipment.put("status", value);
      } else if (path.equals("orderId")) {
        if (value != null) {
          metadata.put("orderId", value);
        }
      } else {
        notification.put(path, value);
      }
    }
    if (personalData != PersonalData.RAW) {
      metadata.computeIfPresent("customerPhone", (k, v) -> PhoneMasking.mask(v.toString()));
      metadata.computeIfPresent("customerName", (k, v) -> NameMasking.mask(v.toString()));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("event", eventVars);
    variables.put("shipment", shipment);
    variables.put("metadata", metadata);
    if (!trigger.isShipmentEvent()) {
      variables.put("notification", notification);
    }
    return variables;
  }

  /** Every variable name of a trigger, dotted, sorted: what the API and the README list. */
  @SuppressWarnings("unchecked")
  public static Set<String> names(Trigger trigger) {
    var variables =
        of(
            trigger,
            io.parcelbell.flow.triggers.SampleEvents.full(trigger),
            ShipmentMetadata.EMPTY,
            PersonalData.MASKED);
    Set<String> names = new TreeSet<>();
    variables.forEach(
        (group, values) ->
            ((Map<String, Object>) values).keySet().forEach(name -> names.add(group + "." + name)));
    return names;
  }

  private static void putMetadata(Map<String, Object> into, ShipmentMetadata m) {
    into.put("orderId", m.orderId());
    into.put("customerPhone", m.customerPhone());
    into.put("customerName", m.customerName());
    into.put("productName", m.productName());
    into.put("courierName", m.courierName());
  }

  private static Object valueAt(JsonNode wire, String path) {
    JsonNode node = wire;
    for (String step : path.split("\\.")) {
      node = node == null ? null : node.get(step);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.asString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }
}

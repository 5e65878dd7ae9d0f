package io.parcelbell.flow.filters;

import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Whether an event (as its JSON, the wire form) passes a validated filter. A missing or null field
 * satisfies only NOT_IN (it is in no list) - never EQUALS, comparisons or EXISTS.
 */
public final class FilterEvaluator {

  private FilterEvaluator() {}

  public static boolean matches(Filter filter, JsonNode event) {
    if (filter instanceof Filter.AllOf all) {
      return all.parts().stream().allMatch(part -> matches(part, event));
    }
    if (filter instanceof Filter.AnyOf any) {
      return any.parts().stream().anyMatch(part -> matches(part, event));
    }
    return holds((Filter.Condition) filter, event);
  }

  private static boolean holds(Filter.Condition c, JsonNode event) {
    JsonNode node = at(event, c.field());
    boolean present = node != null && !node.isNull();
    if (c.operator() == Operator.EXISTS) {
      return present;
    }
    if (c.operator() == Operator.NOT_IN) {
      return !present || c.values().stream().noneMatch(v -> same(node, v));
    }
    if (!present) {
      return false;
    }
    return switch (c.operator()) {
      case EQUALS -> same(node, c.values().get(0));
      case IN -> c.values().stream().anyMatch(v -> same(node, v));
      case STARTS_WITH -> node.isString() && node.asString().startsWith(c.values().get(0));
      case GREATER_THAN -> compare(node, c.values().get(0)) > 0;
      case GREATER_OR_EQUAL -> compare(node, c.values().get(0)) >= 0;
      case LESS_THAN -> compare(node, c.values().get(0)) < 0;
      case LESS_OR_EQUAL -> compare(node, c.values().get(0)) <= 0;
      default -> throw new IllegalStateException("unhandled " + c.operator());
    };
  }

  private static JsonNode at(JsonNode event, String path) {
    JsonNode node = event;
    for (String step : path.split("\\.")) {
      node = node == null ? null : node.get(step);
    }
    return node;
  }

  private static boolean same(JsonNode node, String value) {
    if (node.isNumber()) {
      return node.decimalValue().compareTo(new BigDecimal(value)) == 0;
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.asBoolean()).equals(value);
    }
    return node.asString().equals(value);
  }

  private static int compare(JsonNode node, String value) {
    if (node.isNumber()) {
      return node.decimalValue().compareTo(new BigDecimal(value));
    }
    return Instant.parse(node.asString()).compareTo(Instant.parse(value));
  }
}

package io.parcelbell.flow.filters;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A flow's trigger filter: conditions on the event's fields, combined with all-of and any-of. In
 * JSON each kind is told by its field: {@code {"allOf": [...]}}, {@code {"anyOf": [...]}}, {@code
 * {"field": "status", "operator": "EQUALS", "values": ["DELIVERED"]}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(Filter.AllOf.class),
  @JsonSubTypes.Type(Filter.AnyOf.class),
  @JsonSubTypes.Type(Filter.Condition.class)
})
public sealed interface Filter {

  /** Every part must hold (an empty all-of holds: no filter). */
  record AllOf(@JsonProperty("allOf") List<Filter> parts) implements Filter {
    public AllOf {
      parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    }
  }

  /** At least one part must hold. */
  record AnyOf(@JsonProperty("anyOf") List<Filter> parts) implements Filter {
    public AnyOf {
      parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    }
  }

  /**
   * One comparison; {@code values} are text as an operator types them (numbers, {@code true}/{@code
   * false}, ISO-8601 instants), read according to the field's type.
   */
  record Condition(String field, Operator operator, List<String> values) implements Filter {
    public Condition {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }
}

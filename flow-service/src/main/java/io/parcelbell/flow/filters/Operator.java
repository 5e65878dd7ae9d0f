package io.parcelbell.flow.filters;

import java.util.Set;

/** The comparisons a condition may make; which field types each applies to, and its value count. */
public enum Operator {
  EQUALS(Set.of(FieldType.values()), 1, 1),
  IN(Set.of(FieldType.STRING, FieldType.NUMBER), 1, Integer.MAX_VALUE),
  NOT_IN(Set.of(FieldType.STRING, FieldType.NUMBER), 1, Integer.MAX_VALUE),
  EXISTS(Set.of(FieldType.values()), 0, 0),
  STARTS_WITH(Set.of(FieldType.STRING), 1, 1),
  GREATER_THAN(Set.of(FieldType.NUMBER, FieldType.TIMESTAMP), 1, 1),
  GREATER_OR_EQUAL(Set.of(FieldType.NUMBER, FieldType.TIMESTAMP), 1, 1),
  LESS_THAN(Set.of(FieldType.NUMBER, FieldType.TIMESTAMP), 1, 1),
  LESS_OR_EQUAL(Set.of(FieldType.NUMBER, FieldType.TIMESTAMP), 1, 1);

  private final Set<FieldType> appliesTo;
  private final int minValues;
  private final int maxValues;

  Operator(Set<FieldType> appliesTo, int minValues, int maxValues) {
    this.appliesTo = appliesTo;
    this.minValues = minValues;
    this.maxValues = maxValues;
  }

  boolean appliesTo(FieldType type) {
    return appliesTo.contains(type);
  }

  boolean takes(int values) {
    return values >= minValues && values <= maxValues;
  }
}

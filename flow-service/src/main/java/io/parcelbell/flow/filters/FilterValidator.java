package io.parcelbell.flow.filters;

import io.parcelbell.flow.filters.EventFields.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a filter against its trigger's fields when the flow is saved, so a typo in a field name, a
 * value of the wrong type or an operator that cannot apply is refused then - with the path to it -
 * and never silently matches nothing at run time.
 */
public final class FilterValidator {

  /** Deeper nesting than any sensible filter; bounds the work a hostile request can cause. */
  static final int MAX_DEPTH = 5;

  static final int MAX_CONDITIONS = 50;

  private FilterValidator() {}

  public static List<FilterProblem> validate(EventFields fields, Filter filter) {
    List<FilterProblem> problems = new ArrayList<>();
    int[] conditions = {0};
    check(fields, filter, "filter", 0, conditions, problems);
    if (conditions[0] > MAX_CONDITIONS) {
      problems.add(
          new FilterProblem("filter", "at most " + MAX_CONDITIONS + " conditions in one filter"));
    }
    return problems;
  }

  private static void check(
      EventFields fields,
      Filter filter,
      String path,
      int depth,
      int[] conditions,
      List<FilterProblem> problems) {
    if (depth > MAX_DEPTH) {
      problems.add(new FilterProblem(path, "nested deeper than " + MAX_DEPTH + " levels"));
      return;
    }
    if (filter instanceof Filter.AllOf all) {
      for (int i = 0; i < all.parts().size(); i++) {
        check(
            fields,
            all.parts().get(i),
            path + ".allOf[" + i + "]",
            depth + 1,
            conditions,
            problems);
      }
    } else if (filter instanceof Filter.AnyOf any) {
      if (any.parts().isEmpty()) {
        problems.add(new FilterProblem(path + ".anyOf", "an empty any-of never matches"));
      }
      for (int i = 0; i < any.parts().size(); i++) {
        check(
            fields,
            any.parts().get(i),
            path + ".anyOf[" + i + "]",
            depth + 1,
            conditions,
            problems);
      }
    } else if (filter instanceof Filter.Condition condition) {
      conditions[0]++;
      checkCondition(fields, condition, path, problems);
    }
  }

  private static void checkCondition(
      EventFields fields, Filter.Condition c, String path, List<FilterProblem> problems) {
    if (c.operator() == null) {
      problems.add(new FilterProblem(path + ".operator", "missing"));
      return;
    }
    Optional<Field> field = c.field() == null ? Optional.empty() : fields.field(c.field());
    if (field.isEmpty()) {
      problems.add(
          new FilterProblem(
              path + ".field",
              "'"
                  + c.field()
                  + "' is not a field of "
                  + fields.eventType()
                  + "; known: "
                  + String.join(", ", fields.paths())));
      return;
    }
    FieldType type = field.get().type();
    if (!c.operator().appliesTo(type)) {
      problems.add(
          new FilterProblem(
              path + ".operator",
              c.operator() + " does not apply to " + c.field() + " (" + type + ")"));
      return;
    }
    if (!c.operator().takes(c.values().size())) {
      problems.add(
          new FilterProblem(
              path + ".values",
              c.operator()
                  + " takes "
                  + (c.operator() == Operator.EXISTS ? "no" : "a different number of")
                  + " values, got "
                  + c.values().size()));
      return;
    }
    for (int i = 0; i < c.values().size(); i++) {
      String problem = valueProblem(field.get(), c.values().get(i));
      if (problem != null) {
        problems.add(new FilterProblem(path + ".values[" + i + "]", problem));
      }
    }
  }

  private static String valueProblem(Field field, String value) {
    if (value == null) {
      return "null is not a value";
    }
    if (!field.values().isEmpty() && !field.values().contains(value)) {
      return "'" + value + "' is not one of " + field.values();
    }
    try {
      switch (field.type()) {
        case NUMBER -> new BigDecimal(value);
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            return "'" + value + "' is not true or false";
          }
        }
        case TIMESTAMP -> Instant.parse(value);
        case STRING -> {
          // any text
        }
      }
    } catch (NumberFormatException e) {
      return "'" + value + "' is not a number";
    } catch (DateTimeParseException e) {
      return "'" + value + "' is not an ISO-8601 instant such as 2026-12-01T00:00:00Z";
    }
    return null;
  }
}

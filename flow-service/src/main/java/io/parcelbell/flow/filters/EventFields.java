package io.parcelbell.flow.filters;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields a filter may test, per trigger event type, read from the event records themselves (so
 * a field added to a contract is filterable at once and none can drift): dotted JSON paths as on
 * the wire ({@code status}, {@code metadata.orderId}), each with its type and, for enums, the
 * allowed values.
 */
public final class EventFields {

  /** A filterable field: its type, and the allowed values of an enum (else empty). */
  public record Field(FieldType type, Set<String> values) {}

  private final Map<String, Field> fields;
  private final String eventType;

  private EventFields(String eventType, Map<String, Field> fields) {
    this.eventType = eventType;
    this.fields = Map.copyOf(fields);
  }

  public static EventFields of(Class<? extends ParcelbellEvent> event) {
    if (!event.isRecord()) {
      throw new IllegalArgumentException(event + " is not an event record");
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    collect("", event, fields);
    return new EventFields(event.getSimpleName(), fields);
  }

  /** The trigger's event class by its simple name, e.g. {@code ShipmentStatusChanged}. */
  public static Optional<EventFields> forTrigger(String eventType) {
    return EventTypes.all().keySet().stream()
        .filter(type -> type.getSimpleName().equals(eventType))
        .findFirst()
        .map(EventFields::of);
  }

  public Optional<Field> field(String path) {
    return Optional.ofNullable(fields.get(path));
  }

  public Set<String> paths() {
    return fields.keySet();
  }

  public String eventType() {
    return eventType;
  }

  private static void collect(String prefix, Class<?> record, Map<String, Field> into) {
    for (RecordComponent component : record.getRecordComponents()) {
      String path = prefix + component.getName();
      Class<?> type = component.getType();
      if (type.isRecord()) {
        collect(path + ".", type, into);
      } else if (type.isEnum()) {
        Set<String> values =
            Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toUnmodifiableSet());
        into.put(path, new Field(FieldType.STRING, values));
      } else {
        into.put(path, new Field(typeOf(type), Set.of()));
      }
    }
  }

  private static FieldType typeOf(Class<?> type) {
    if (type == String.class) {
      return FieldType.STRING;
    }
    if (type == boolean.class || type == Boolean.class) {
      return FieldType.BOOLEAN;
    }
    if (type == Instant.class) {
      return FieldType.TIMESTAMP;
    }
    if (List.of(int.class, long.class, double.class, Integer.class, Long.class, Double.class)
        .contains(type)) {
      return FieldType.NUMBER;
    }
    throw new IllegalStateException("no filter type for " + type);
  }
}

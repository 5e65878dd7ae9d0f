package io.parcelbell.contracts.mongo;

import java.util.List;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Values as MongoDB stores them for a property of a declared type, for the services' hot writes
 * (every claimed flow run and delivery, every notification's answer and end, every settlement).
 * Those writes name their collection, not their document class: with the class, Spring Data
 * resolves every field path of the query and the update against the class's metadata on each call,
 * and that was a fifth of the flow benchmark's CPU in flow-service. Without it, a field is written
 * as named and only values are converted, so a nested record is converted here, for its declared
 * type (as the class's metadata would, and so without a type hint), and an enum as its name.
 * Instants need nothing: the converter writes them as dates with or without the class.
 */
public final class Stored {

  private final MongoConverter converter;

  public Stored(MongoConverter converter) {
    this.converter = converter;
  }

  /** {@code value} as stored in a property declared {@code type}. */
  public Object of(Object value, Class<?> type) {
    return value == null ? null : converter.convertToMongoType(value, TypeInformation.of(type));
  }

  /** {@code values} as stored in a list property of {@code type}s. */
  public List<Object> ofEach(List<?> values, Class<?> type) {
    return values.stream().map(value -> of(value, type)).toList();
  }

  /** An enum as stored: its name. */
  public static String of(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** Enums as stored, for an {@code $in}: their names. */
  public static List<String> of(Enum<?>... values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }
}

package io.parcelbell.contracts.events;

/** Constructor checks shared by the event records: an event that exists is a valid event. */
final class Require {

  private Require() {}

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}

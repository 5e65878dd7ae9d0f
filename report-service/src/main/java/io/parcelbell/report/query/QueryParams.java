package io.parcelbell.report.query;

/** The query-string rules every list of this API shares. */
final class QueryParams {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private QueryParams() {}

  static int limit(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below, like an out-of-range number
    }
    throw new InvalidQueryException(
        "INVALID_LIMIT", "limit must be a number from 1 to " + MAX_LIMIT);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

package io.parcelbell.console.notifications;

import io.parcelbell.console.api.ReportApi;
import io.parcelbell.console.config.Display;
import io.parcelbell.console.config.SeoulDays;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The history's search form as typed: echoed back into the form as it was, checked before anything
 * is asked of the API. A value the form's own lists do not offer (a state, a channel, a parcel
 * status) is dropped as if not chosen; a phone suffix or a date that cannot be one is said beside
 * its field ({@link #errors}) and nothing is searched.
 */
public record NotificationSearch(
    String orderId,
    String trackingNumber,
    String phoneLast4,
    String state,
    String channel,
    String shipmentStatus,
    String from,
    String to,
    String cursor) {

  static final List<String> STATES =
      List.of("HELD", "PENDING", "SENT", "DEAD_LETTER", "SUPERSEDED");
  static final List<String> CHANNELS = List.of("ALIMTALK", "SMS", "LMS");
  static final List<String> SHIPMENT_STATUSES =
      List.of(
          "PENDING",
          "REGISTERED",
          "PICKUP_READY",
          "PICKED_UP",
          "IN_TRANSIT",
          "OUT_FOR_DELIVERY",
          "DELIVERED",
          "CANCELLED",
          "FAILED",
          "RETURNED",
          "HOLD");

  private static final Pattern LAST_FOUR = Pattern.compile("[0-9]{4}");

  public NotificationSearch {
    orderId = trimmed(orderId);
    trackingNumber = trimmed(trackingNumber);
    phoneLast4 = trimmed(phoneLast4);
    state = offered(state, STATES);
    channel = offered(channel, CHANNELS);
    shipmentStatus = offered(shipmentStatus, SHIPMENT_STATUSES);
    from = trimmed(from);
    to = trimmed(to);
    cursor = trimmed(cursor);
  }

  static NotificationSearch none() {
    return new NotificationSearch(null, null, null, null, null, null, null, null, null);
  }

  /** Field name to message key, in the form's order; empty when the search can be run. */
  public Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    if (phoneLast4 != null && !LAST_FOUR.matcher(phoneLast4).matches()) {
      errors.put("phoneLast4", "search.error.phoneLast4");
    }
    LocalDate since = SeoulDays.parse(from);
    LocalDate until = SeoulDays.parse(to);
    if (from != null && since == null) {
      errors.put("from", "search.error.date");
    }
    if (to != null && until == null) {
      errors.put("to", "search.error.date");
    }
    if (since != null && until != null && until.isBefore(since)) {
      errors.put("to", "search.error.range");
    }
    return errors;
  }

  /** What to ask the API (only when {@link #errors} is empty): days become Seoul instants. */
  ReportApi.Filter filter() {
    LocalDate since = SeoulDays.parse(from);
    LocalDate until = SeoulDays.parse(to);
    return new ReportApi.Filter(
        orderId,
        trackingNumber,
        phoneLast4,
        state,
        channel,
        shipmentStatus,
        since == null ? null : SeoulDays.start(since).atZone(Display.SEOUL).toOffsetDateTime(),
        // The whole "to" day is included: until the next day begins.
        until == null
            ? null
            : SeoulDays.start(until.plusDays(1)).atZone(Display.SEOUL).toOffsetDateTime(),
        cursor);
  }

  /** {@code path} with this search (without its cursor) and {@code nextCursor}, encoded. */
  public String link(String path, String nextCursor) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("orderId", orderId);
    values.put("trackingNumber", trackingNumber);
    values.put("phoneLast4", phoneLast4);
    values.put("state", state);
    values.put("channel", channel);
    values.put("shipmentStatus", shipmentStatus);
    values.put("from", from);
    values.put("to", to);
    values.put("cursor", nextCursor);
    values.values().removeIf(v -> v == null);
    values.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
    return uri.encode().buildAndExpand(values).toUriString();
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String offered(String value, List<String> offered) {
    // List.of(...).contains(null) throws.
    return value != null && offered.contains(value) ? value : null;
  }
}

package io.parcelbell.report.query;

import io.parcelbell.contracts.events.Channel;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The history's filters as the query string names them, shared by the list and the CSV export so
 * both always filter alike. Every value is text until {@link #filter} has checked it: a bad one is
 * a 400 with a stable code, never a query MongoDB sees.
 */
@ParameterObject
record HistoryQuery(
    @Parameter(description = "the shop's order id") String orderId,
    @Parameter(description = "the courier's tracking number") String trackingNumber,
    @Parameter(
            description = "the phone number's last four digits",
            schema = @Schema(type = "string", pattern = "^[0-9]{4}$"))
        String phoneLast4,
    @Parameter(
            description = "notification state",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {"HELD", "PENDING", "SENT", "DEAD_LETTER", "SUPERSEDED"}))
        String state,
    @Parameter(
            description =
                "notifications with an attempt on this channel (SMS: those that fell back)",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {"ALIMTALK", "SMS", "LMS"}))
        String channel,
    @Parameter(
            description =
                "the parcel status the notification was about (DELIVERED, IN_TRANSIT, ...)",
            schema = @Schema(type = "string", pattern = "^[A-Z][A-Z_]{0,39}$"))
        String shipmentStatus,
    @Parameter(
            description = "received at or after, ISO-8601 with offset (2026-12-01T00:00:00+09:00)",
            schema = @Schema(type = "string", format = "date-time"))
        String since,
    @Parameter(
            description = "received before (exclusive), ISO-8601 with offset",
            schema = @Schema(type = "string", format = "date-time"))
        String until) {

  private static final Pattern LAST_FOUR = Pattern.compile("[0-9]{4}");
  // DeliveryAPI's statuses are an open set (a new one may come); this only keeps out garbage.
  private static final Pattern SHIPMENT_STATUS = Pattern.compile("[A-Z][A-Z_]{0,39}");

  NotificationQueryService.Filter filter(int limit, PageCursor after) {
    Instant from = instant(since, "INVALID_SINCE", "since");
    Instant to = instant(until, "INVALID_UNTIL", "until");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidQueryException("INVALID_RANGE", "since must be before until");
    }
    return new NotificationQueryService.Filter(
        QueryParams.blankToNull(orderId),
        QueryParams.blankToNull(trackingNumber),
        matching(phoneLast4, LAST_FOUR, "INVALID_PHONE_LAST4", "phoneLast4 must be four digits"),
        NotificationQueryController.stateOf(QueryParams.blankToNull(state)),
        channelOf(QueryParams.blankToNull(channel)),
        matching(
            shipmentStatus,
            SHIPMENT_STATUS,
            "INVALID_SHIPMENT_STATUS",
            "shipmentStatus must be a status name such as DELIVERED"),
        from,
        to,
        limit,
        after);
  }

  /** What the audit log records of an export: the filters that were set, as checked. */
  static Map<String, String> details(NotificationQueryService.Filter filter) {
    Map<String, String> details = new LinkedHashMap<>();
    putIfSet(details, "orderId", filter.orderId());
    putIfSet(details, "trackingNumber", filter.trackingNumber());
    putIfSet(details, "phoneLast4", filter.phoneLast4());
    putIfSet(details, "state", filter.state());
    putIfSet(details, "channel", filter.channel());
    putIfSet(details, "shipmentStatus", filter.shipmentStatus());
    putIfSet(details, "since", filter.since());
    putIfSet(details, "until", filter.until());
    return details;
  }

  private static void putIfSet(Map<String, String> details, String name, Object value) {
    if (value != null) {
      details.put(name, value.toString());
    }
  }

  private static String matching(String value, Pattern pattern, String code, String message) {
    String given = QueryParams.blankToNull(value);
    if (given != null && !pattern.matcher(given).matches()) {
      throw new InvalidQueryException(code, message);
    }
    return given;
  }

  private static Channel channelOf(String channel) {
    if (channel == null) {
      return null;
    }
    try {
      return Channel.valueOf(channel);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          "INVALID_CHANNEL", "channel must be one of ALIMTALK, SMS, LMS");
    }
  }

  private static Instant instant(String value, String code, String name) {
    String given = QueryParams.blankToNull(value);
    if (given == null) {
      return null;
    }
    try {
      // An unencoded "+09:00" arrives as " 09:00" (a "+" in a query string is a space).
      return OffsetDateTime.parse(given.replace(' ', '+')).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          code,
          name + " must be an ISO-8601 date-time with offset, e.g. 2026-12-01T00:00:00+09:00");
    }
  }
}

package io.parcelbell.report.query;

import io.parcelbell.contracts.events.NotificationState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The notification history API (shape fixed by the team brief; the e2e test reads it). */
@RestController
@RequestMapping("/api/notifications")
class NotificationQueryController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Duration MAX_WINDOW = Duration.ofDays(31);

  private final NotificationQueryService queries;

  NotificationQueryController(NotificationQueryService queries) {
    this.queries = queries;
  }

  @GetMapping
  Mono<NotificationResponse.Page> list(
      @RequestParam(required = false) String orderId,
      @RequestParam(required = false) String trackingNumber,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    var filter =
        new NotificationQueryService.Filter(
            blankToNull(orderId),
            blankToNull(trackingNumber),
            stateOf(blankToNull(state)),
            limitOf(blankToNull(limit)),
            cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor));
    return queries.list(filter);
  }

  @GetMapping("/stats")
  Mono<NotificationQueryService.Stats> stats(@RequestParam(defaultValue = "PT24H") String window) {
    Duration duration;
    try {
      duration = Duration.parse(window);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException("INVALID_WINDOW", "window must be an ISO-8601 duration");
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_WINDOW) > 0) {
      throw new InvalidQueryException("INVALID_WINDOW", "window must be between PT0S and P31D");
    }
    return queries.stats(duration);
  }

  @GetMapping("/{id}")
  Mono<NotificationResponse> byId(@PathVariable String id) {
    return queries.byId(id);
  }

  private static NotificationState stateOf(String state) {
    if (state == null) {
      return null;
    }
    try {
      return NotificationState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          "INVALID_STATE", "state must be one of HELD, PENDING, SENT, DEAD_LETTER, SUPERSEDED");
    }
  }

  private static int limitOf(String limit) {
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

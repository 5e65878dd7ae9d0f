package io.parcelbell.report.query;

import io.parcelbell.contracts.events.NotificationState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The notification history API (shape fixed by the team brief; the e2e test reads it). */
@RestController
@Tag(name = "Notification history")
@RequestMapping("/api/notifications")
class NotificationQueryController {

  private static final Duration MAX_WINDOW = Duration.ofDays(31);

  private final NotificationQueryService queries;
  private final OverviewService overview;

  NotificationQueryController(NotificationQueryService queries, OverviewService overview) {
    this.queries = queries;
    this.overview = overview;
  }

  @Operation(
      summary = "List notifications, newest first",
      description = "Filters combine; phone numbers appear masked (010-****-5678).",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "a page; nextCursor null on the last",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = NotificationResponse.Page.class))),
        @ApiResponse(
            responseCode = "400",
            description =
                "INVALID_STATE, INVALID_CHANNEL, INVALID_SHIPMENT_STATUS, INVALID_PHONE_LAST4,"
                    + " INVALID_SINCE, INVALID_UNTIL, INVALID_RANGE, INVALID_LIMIT, INVALID_CURSOR",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping
  Mono<NotificationResponse.Page> list(
      HistoryQuery query,
      @Parameter(
              description = "page size, 1 to 100 (default 20)",
              schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
          @RequestParam(required = false)
          String limit,
      @Parameter(description = "the previous page's nextCursor") @RequestParam(required = false)
          String cursor) {
    var filter =
        query.filter(
            QueryParams.limit(QueryParams.blankToNull(limit)),
            cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor));
    return queries.list(filter);
  }

  @Operation(
      summary = "Counts by state and the failure rate over a window",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "the statistics",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = NotificationQueryService.Stats.class))),
        @ApiResponse(
            responseCode = "400",
            description = "INVALID_WINDOW",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping("/stats")
  Mono<NotificationQueryService.Stats> stats(
      @Parameter(description = "ISO-8601 duration, up to P31D")
          @RequestParam(defaultValue = "PT24H")
          String window) {
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

  @Operation(
      summary = "What the console's dashboard shows",
      description =
          "Counts per state for the last 24 hours and 7 days, each of the last 7 days (Asia/Seoul)"
              + " with its failure rate, when the oldest attempt still waiting for its delivery"
              + " report was sent, when the last delivery report arrived, and the codes failed"
              + " attempts ended with in the last 7 days, most frequent first. The figures are"
              + " as of `at`, when report-service last counted them (every"
              + " parcelbell.report.overview.count-interval, 10 s by default), by the time a"
              + " notification was created, in ten-minute slices: each window's `since` is the"
              + " start of its first slice.",
      responses = {
        @ApiResponse(responseCode = "200", description = "the figures"),
        @ApiResponse(
            responseCode = "503",
            description =
                "OVERVIEW_NOT_COUNTED_YET: never counted and another replica is counting for the"
                    + " first time; Retry-After says when to ask again",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping("/overview")
  Mono<OverviewService.Overview> overview() {
    return overview.overview();
  }

  @Operation(
      summary = "One notification by id",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "the notification",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = NotificationResponse.class))),
        @ApiResponse(
            responseCode = "404",
            description = "NOTIFICATION_NOT_FOUND",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping("/{id}")
  Mono<NotificationResponse> byId(
      @Parameter(description = "notification id (from NotificationIds.of)") @PathVariable
          String id) {
    return queries.byId(id);
  }

  static NotificationState stateOf(String state) {
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
}

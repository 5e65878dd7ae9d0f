package io.parcelbell.report.query;

import io.parcelbell.contracts.audit.AuditRecorded;
import io.parcelbell.contracts.audit.AuditStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The audit log: every change a person made, from every service, newest first. */
@RestController
@Tag(name = "Audit log")
class AuditQueryController {

  private static final int MAX_FILTER_LENGTH = 200;

  private final AuditStore store;

  AuditQueryController(AuditStore store) {
    this.store = store;
  }

  record Page(List<AuditRecorded> items, String nextCursor) {}

  @Operation(
      summary = "List audit records, newest first",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "a page; nextCursor null on the last",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = Page.class))),
        @ApiResponse(
            responseCode = "400",
            description = "INVALID_LIMIT, INVALID_CURSOR, INVALID_FILTER",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping("/api/audit")
  Mono<Page> list(
      @Parameter(description = "who: the token subject") @RequestParam(required = false)
          String actor,
      @Parameter(description = "target type, e.g. notification, flow")
          @RequestParam(required = false)
          String targetType,
      @Parameter(description = "target id") @RequestParam(required = false) String targetId,
      @Parameter(description = "action code, e.g. notification.export")
          @RequestParam(required = false)
          String action,
      @Parameter(
              description = "page size, 1 to 100 (default 20)",
              schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
          @RequestParam(required = false)
          String limit,
      @Parameter(description = "the previous page's nextCursor") @RequestParam(required = false)
          String cursor) {
    int size = QueryParams.limit(QueryParams.blankToNull(limit));
    PageCursor after =
        QueryParams.blankToNull(cursor) == null ? null : PageCursor.decode(cursor.strip());
    var filter =
        new AuditStore.Filter(
            filter(actor),
            filter(targetType),
            filter(targetId),
            filter(action),
            after == null ? null : after.createdAt(),
            after == null ? null : after.id());
    return store.page(filter, size + 1).map(found -> page(found, size));
  }

  private static Page page(List<AuditRecorded> found, int size) {
    boolean more = found.size() > size;
    List<AuditRecorded> items = more ? found.subList(0, size) : found;
    String next = null;
    if (more) {
      AuditRecorded last = items.get(items.size() - 1);
      next = new PageCursor(last.occurredAt(), last.auditId()).encode();
    }
    return new Page(items, next);
  }

  private static String filter(String value) {
    String v = QueryParams.blankToNull(value);
    if (v != null && v.length() > MAX_FILTER_LENGTH) {
      throw new InvalidQueryException(
          "INVALID_FILTER", "filters are at most " + MAX_FILTER_LENGTH + " characters");
    }
    return v;
  }
}

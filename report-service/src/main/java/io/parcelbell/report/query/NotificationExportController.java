package io.parcelbell.report.query;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The filtered history as CSV for a spreadsheet (OPERATOR): phones masked as everywhere, UTF-8 with
 * a byte-order mark so Excel reads Korean correctly, streamed row by row. Audit-logged before the
 * first byte: no audit record, no export.
 */
@RestController
@Tag(name = "Notification history")
class NotificationExportController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final int MAX_ROWS = 50_000;

  private final NotificationQueryService queries;
  private final AuditTrail audit;

  NotificationExportController(NotificationQueryService queries, AuditTrail audit) {
    this.queries = queries;
    this.audit = audit;
  }

  @Operation(
      summary = "Export notifications as CSV, newest first (at most 50,000 rows)",
      description =
          "Same filters as the list. Phones masked; UTF-8 with BOM; cells a spreadsheet would"
              + " read as a formula are prefixed with an apostrophe. Recorded in the audit log.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "the CSV",
            content = @Content(mediaType = "text/csv")),
        @ApiResponse(
            responseCode = "400",
            description = "the list's INVALID_* codes",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @GetMapping("/api/notifications/export")
  Mono<ResponseEntity<Flux<DataBuffer>>> export(HistoryQuery query, ServerWebExchange exchange) {
    var filter = query.filter(MAX_ROWS, null);
    Map<String, String> details = HistoryQuery.details(filter);
    if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
      // WebFlux serves HEAD with this handler: answer the headers, export nothing, record nothing.
      return Mono.just(ResponseEntity.ok().contentType(CSV).body(Flux.<DataBuffer>empty()));
    }
    DataBufferFactory buffers = exchange.getResponse().bufferFactory();
    return audit
        .record(
            exchange,
            AuditActions.NOTIFICATION_EXPORT,
            new AuditTarget("notifications", "export"),
            details)
        .map(
            recorded ->
                ResponseEntity.ok()
                    .contentType(CSV)
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                            .filename("parcelbell-notifications.csv")
                            .build()
                            .toString())
                    .header(AuditTrail.REQUEST_ID_HEADER, recorded.requestId())
                    .body(
                        Flux.concat(
                                Flux.just(NotificationCsv.BOM + NotificationCsv.header()),
                                queries.export(filter, MAX_ROWS).map(NotificationCsv::row))
                            .map(text -> buffers.wrap(text.getBytes(StandardCharsets.UTF_8)))));
  }
}

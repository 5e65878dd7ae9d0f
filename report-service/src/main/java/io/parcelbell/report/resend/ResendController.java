package io.parcelbell.report.resend;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Resend a dead-lettered notification (OPERATOR); the notifier does the sending. */
@RestController
@Tag(name = "Notification history")
class ResendController {

  private final ResendRequests requests;

  ResendController(ResendRequests requests) {
    this.requests = requests;
  }

  @Operation(
      summary = "Send a dead-lettered notification again",
      description =
          "A new attempt chain with new idempotency keys, respecting quiet hours. A second request"
              + " for the same dead letter does nothing (ALREADY_REQUESTED). Recorded in the audit"
              + " log.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "REQUESTED or ALREADY_REQUESTED",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ResendAnswer.class))),
        @ApiResponse(
            responseCode = "404",
            description = "NOTIFICATION_NOT_FOUND",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "409",
            description = "NOT_DEAD_LETTER, RESEND_NOT_USEFUL",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "503",
            description = "KAFKA_UNAVAILABLE, AUDIT_UNAVAILABLE",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @PostMapping("/api/notifications/{id}/resend")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<ResendAnswer> resend(
      @Parameter(description = "notification id") @PathVariable String id,
      ServerWebExchange exchange) {
    return requests.request(id, exchange);
  }
}

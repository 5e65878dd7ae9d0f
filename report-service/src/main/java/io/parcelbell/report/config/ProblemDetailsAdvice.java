package io.parcelbell.report.config;

import io.parcelbell.contracts.audit.AuditUnavailableException;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.query.InvalidQueryException;
import io.parcelbell.report.query.NotificationNotFoundException;
import io.parcelbell.report.query.OverviewNotCountedException;
import io.parcelbell.report.resend.ResendRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error answer is RFC 9457 problem+json with a stable {@code code}: the service's named
 * exceptions with their own codes; what Spring itself refuses (no such route, a method or media
 * type it does not serve, an unreadable parameter) with the status's name as the code ({@code
 * NOT_FOUND}, {@code NOT_ACCEPTABLE}, ...); anything unexpected as 500 {@code INTERNAL_ERROR},
 * logged with its stack trace but never answered with it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e) {
    return problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
  }

  @ExceptionHandler(OverviewNotCountedException.class)
  ResponseEntity<ProblemDetail> notCounted(OverviewNotCountedException e) {
    ResponseEntity<ProblemDetail> answer =
        problem(HttpStatus.SERVICE_UNAVAILABLE, "OVERVIEW_NOT_COUNTED_YET", e.getMessage());
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(answer.getBody());
  }

  @ExceptionHandler(NotificationNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotificationNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "NOTIFICATION_NOT_FOUND", e.getMessage());
  }

  @ExceptionHandler(ResendRefusedException.class)
  ResponseEntity<ProblemDetail> resendRefused(ResendRefusedException e) {
    HttpStatus status =
        switch (e.code()) {
          case "NOTIFICATION_NOT_FOUND" -> HttpStatus.NOT_FOUND;
          case "KAFKA_UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> HttpStatus.CONFLICT;
        };
    return problem(status, e.code(), e.getMessage());
  }

  @ExceptionHandler(AuditUnavailableException.class)
  ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "AUDIT_UNAVAILABLE",
        "the audit log cannot be written right now; nothing was exported, try again");
  }

  @ExceptionHandler(Exception.class)
  Mono<ResponseEntity<ProblemDetail>> unexpected(Exception e) {
    // Logged from the request's chain, so the line carries its trace id.
    return InTrace.<Void>run(() -> log.error("unexpected failure answered 500 INTERNAL_ERROR", e))
        .thenReturn(
            problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "unexpected failure"));
  }

  /** Spring's own refusals (ErrorResponse): the same shape, the status's name as the code. */
  @Override
  protected Mono<ResponseEntity<Object>> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    HttpHeaders answered = new HttpHeaders();
    answered.addAll(headers); // the exception's own headers (Allow, Accept) may be read-only
    if (body instanceof ProblemDetail problem) {
      HttpStatus known = HttpStatus.resolve(status.value());
      problem.setProperty("code", known == null ? "HTTP_" + status.value() : known.name());
      answered.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return super.createResponseEntity(body, answered, status, exchange);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}

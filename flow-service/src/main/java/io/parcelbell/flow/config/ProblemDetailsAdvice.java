package io.parcelbell.flow.config;

import io.parcelbell.contracts.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
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
 * Every error answer is RFC 9457 problem+json with a stable {@code code} ({@link ApiProblem}'s, or
 * the status's name for what Spring refuses itself, or {@code INTERNAL_ERROR}, logged with its
 * stack trace but never answered with it). An invalid definition adds {@code errors}: one entry per
 * problem, with the JSON path.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setProperty("code", e.code());
    if (!e.errors().isEmpty()) {
      problem.setProperty("errors", e.errors());
    }
    return answer(e.status(), problem);
  }

  @ExceptionHandler(AuditUnavailableException.class)
  ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the audit log cannot be written right now; nothing was changed, try again");
    problem.setProperty("code", "AUDIT_UNAVAILABLE");
    return answer(HttpStatus.SERVICE_UNAVAILABLE, problem);
  }

  /**
   * MongoDB unreachable or dropping connections: a passing condition, answered 503 with {@code
   * Retry-After} so that clients (the console, scripts) try again instead of reporting a defect.
   */
  @ExceptionHandler(DataAccessResourceFailureException.class)
  ResponseEntity<ProblemDetail> storeUnavailable(DataAccessResourceFailureException e) {
    log.warn("MongoDB unavailable, answered 503 STORE_UNAVAILABLE: {}", e.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "the store cannot be reached right now; try again (look before repeating a change:"
                + " it may have been saved)");
    problem.setProperty("code", "STORE_UNAVAILABLE");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected failure answered 500 INTERNAL_ERROR", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure");
    problem.setProperty("code", "INTERNAL_ERROR");
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, problem);
  }

  /** Spring's own refusals (ErrorResponse): the same shape, the status's name as the code. */
  @Override
  protected Mono<ResponseEntity<Object>> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    HttpHeaders answered = new HttpHeaders();
    answered.addAll(headers);
    if (body instanceof ProblemDetail problem) {
      HttpStatus known = HttpStatus.resolve(status.value());
      problem.setProperty("code", known == null ? "HTTP_" + status.value() : known.name());
      answered.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return super.createResponseEntity(body, answered, status, exchange);
  }

  private static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}

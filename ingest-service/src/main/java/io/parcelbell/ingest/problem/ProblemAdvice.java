package io.parcelbell.ingest.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** The one place where ingest's named exceptions become RFC 9457 problem responses. */
// Ahead of Spring Boot's own problem-details advice, which would answer without our "code".
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(IngestException.class)
  Mono<ResponseEntity<ProblemDetail>> handle(IngestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setProperty("code", e.code());
    e.problemProperties().forEach(problem::setProperty);
    return logged(
        ResponseEntity.status(e.status())
            .headers(e.responseHeaders())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem),
        () -> {
          if (e.status().is5xxServerError()) {
            log.warn("{}: {}", e.code(), e.getMessage(), e.getCause());
          } else {
            log.info("rejected {}: {}", e.code(), e.getMessage());
          }
        });
  }

  /** Bean Validation of a JSON request body (e.g. a shipment registration). */
  @ExceptionHandler(WebExchangeBindException.class)
  Mono<ResponseEntity<ProblemDetail>> handle(WebExchangeBindException e) {
    FieldError field = e.getFieldError();
    String pointer = field == null ? "" : "/" + field.getField().replace('.', '/');
    String detail =
        field == null ? "request is invalid" : field.getField() + " " + field.getDefaultMessage();
    return badRequest(field == null ? "INVALID_FIELD" : codeOf(field), pointer, detail);
  }

  /** A body Spring could not read as the expected JSON. */
  @ExceptionHandler(ServerWebInputException.class)
  Mono<ResponseEntity<ProblemDetail>> handle(ServerWebInputException e) {
    return badRequest("MALFORMED_JSON", "", "request body is not the expected JSON");
  }

  private static String codeOf(FieldError field) {
    return field.getRejectedValue() == null || "NotBlank".equals(field.getCode())
        ? "MISSING_FIELD"
        : "INVALID_FIELD";
  }

  private static Mono<ResponseEntity<ProblemDetail>> badRequest(
      String code, String pointer, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("code", code);
    problem.setProperty("pointer", pointer);
    return logged(
        ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem),
        () -> log.info("rejected {}: {}", code, detail));
  }

  /**
   * Logs inside {@code handle}: with context-propagation "limited" only handle and tap put the
   * request's trace id in the MDC, so the log line keeps it.
   */
  private static <T> Mono<T> logged(T answer, Runnable logLine) {
    return Mono.just(answer)
        .handle(
            (value, sink) -> {
              logLine.run();
              sink.next(value);
            });
  }
}

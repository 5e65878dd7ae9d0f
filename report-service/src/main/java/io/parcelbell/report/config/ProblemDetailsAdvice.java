package io.parcelbell.report.config;

import io.parcelbell.report.query.InvalidQueryException;
import io.parcelbell.report.query.NotificationNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the service's named exceptions to RFC 9457 problem+json with a stable {@code code}. */
@RestControllerAdvice
class ProblemDetailsAdvice {

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e) {
    return problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage());
  }

  @ExceptionHandler(NotificationNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotificationNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "NOTIFICATION_NOT_FOUND", e.getMessage());
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

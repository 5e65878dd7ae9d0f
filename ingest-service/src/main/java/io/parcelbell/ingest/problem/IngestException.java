package io.parcelbell.ingest.problem;

import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request ingest refuses, with the HTTP status and the stable {@code code} clients may branch on.
 * {@link ProblemAdvice} turns every subclass into {@code application/problem+json}.
 */
public abstract class IngestException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  protected IngestException(HttpStatus status, String code, String detail, Throwable cause) {
    super(detail, cause);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
  }

  protected IngestException(HttpStatus status, String code, String detail) {
    this(status, code, detail, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Extra members of the problem body besides {@code code}, e.g. a JSON pointer. */
  public Map<String, Object> problemProperties() {
    return Map.of();
  }

  /** Extra response headers, e.g. {@code Retry-After}. */
  public HttpHeaders responseHeaders() {
    return HttpHeaders.EMPTY;
  }
}

package io.parcelbell.flow.config;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Every refusal of flow-service's API: the HTTP status, a stable {@code code}, a sentence, and for
 * an invalid definition the list of {@code errors} (each with its JSON path, code and reason).
 */
public class ApiProblem extends RuntimeException {

  /** One thing wrong with a request body: where, a stable code, and why. */
  public record FieldError(String path, String code, String reason) {}

  private final HttpStatus status;
  private final String code;
  private final List<FieldError> errors;

  public ApiProblem(HttpStatus status, String code, String detail) {
    this(status, code, detail, List.of());
  }

  public ApiProblem(HttpStatus status, String code, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem notFound(String code, String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
  }

  public static ApiProblem invalid(String code, String detail, List<FieldError> errors) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, errors);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }
}

package io.parcelbell.report.query;

/** A query parameter we cannot honour; {@code code} is the stable problem code. */
public class InvalidQueryException extends RuntimeException {

  private final String code;

  InvalidQueryException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

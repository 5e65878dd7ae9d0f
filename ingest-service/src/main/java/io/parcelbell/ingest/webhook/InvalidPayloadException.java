package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.problem.IngestException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 400: the body is not a webhook we can publish; {@code pointer} names the offending field. */
final class InvalidPayloadException extends IngestException {

  static final String MALFORMED_JSON = "MALFORMED_JSON";
  static final String MISSING_FIELD = "MISSING_FIELD";
  static final String INVALID_FIELD = "INVALID_FIELD";

  private final String pointer;

  InvalidPayloadException(String code, String pointer, String detail) {
    super(HttpStatus.BAD_REQUEST, code, detail);
    this.pointer = pointer;
  }

  String pointer() {
    return pointer;
  }

  @Override
  public Map<String, Object> problemProperties() {
    return pointer == null ? Map.of() : Map.of("pointer", pointer);
  }
}

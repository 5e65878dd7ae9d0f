package io.parcelbell.ingest.registration;

import io.parcelbell.ingest.problem.IngestException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 400: a registration we refuse before calling DeliveryAPI; {@code pointer} names the field. */
final class InvalidShipmentException extends IngestException {

  static final String MISSING_FIELD = "MISSING_FIELD";
  static final String INVALID_FIELD = "INVALID_FIELD";

  private final String pointer;

  private InvalidShipmentException(String code, String field, String detail) {
    super(HttpStatus.BAD_REQUEST, code, detail);
    this.pointer = "/" + field;
  }

  static InvalidShipmentException missing(String field) {
    return new InvalidShipmentException(MISSING_FIELD, field, field + " is required");
  }

  static InvalidShipmentException invalid(String field, String detail) {
    return new InvalidShipmentException(INVALID_FIELD, field, detail);
  }

  String pointer() {
    return pointer;
  }

  @Override
  public Map<String, Object> problemProperties() {
    return Map.of("pointer", pointer);
  }
}

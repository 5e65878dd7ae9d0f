package io.parcelbell.ingest.registration;

import io.parcelbell.ingest.problem.IngestException;
import org.springframework.http.HttpStatus;

/** DeliveryAPI did not register the parcel: refused it (502) or could not be reached (503). */
final class RegistrationFailedException extends IngestException {

  static final String REJECTED = "DELIVERYAPI_REJECTED";
  static final String UNAVAILABLE = "DELIVERYAPI_UNAVAILABLE";

  private RegistrationFailedException(
      HttpStatus status, String code, String detail, Throwable cause) {
    super(status, code, detail, cause);
  }

  static RegistrationFailedException rejected(String detail) {
    return new RegistrationFailedException(HttpStatus.BAD_GATEWAY, REJECTED, detail, null);
  }

  static RegistrationFailedException unavailable(String detail, Throwable cause) {
    return new RegistrationFailedException(
        HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, detail, cause);
  }
}

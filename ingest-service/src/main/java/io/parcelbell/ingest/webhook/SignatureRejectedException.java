package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.problem.IngestException;
import org.springframework.http.HttpStatus;

/**
 * 401: the webhook is not proven to come from DeliveryAPI. The detail never shows the expected MAC.
 */
final class SignatureRejectedException extends IngestException {

  static final String SIGNATURE_MISSING = "SIGNATURE_MISSING";
  static final String SIGNATURE_MALFORMED = "SIGNATURE_MALFORMED";
  static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
  static final String TIMESTAMP_MISSING = "TIMESTAMP_MISSING";
  static final String TIMESTAMP_MALFORMED = "TIMESTAMP_MALFORMED";
  static final String TIMESTAMP_STALE = "TIMESTAMP_STALE";

  SignatureRejectedException(String code, String detail) {
    super(HttpStatus.UNAUTHORIZED, code, detail);
  }
}

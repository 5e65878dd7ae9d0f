package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.problem.IngestException;
import org.springframework.http.HttpStatus;

/** 413: the body is bigger than {@code parcelbell.ingest.max-body-size}. */
final class PayloadTooLargeException extends IngestException {

  static final String CODE = "PAYLOAD_TOO_LARGE";

  PayloadTooLargeException(long maxBytes) {
    super(HttpStatus.PAYLOAD_TOO_LARGE, CODE, "body exceeds " + maxBytes + " bytes");
  }
}

package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.problem.IngestException;
import org.springframework.http.HttpStatus;

/** 415: DeliveryAPI always sends JSON; anything else is not a webhook. */
final class UnsupportedContentTypeException extends IngestException {

  static final String CODE = "UNSUPPORTED_MEDIA_TYPE";

  UnsupportedContentTypeException(String contentType) {
    super(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        CODE,
        "Content-Type must be application/json or +json, was " + contentType);
  }
}

package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.problem.IngestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 503: Kafka did not ack every item in time, so nothing is claimed as received and DeliveryAPI
 * retries. A record that did get through is harmless: the retry carries the same event ids.
 */
final class PublishFailedException extends IngestException {

  static final String PUBLISH_TIMEOUT = "PUBLISH_TIMEOUT";
  static final String PUBLISH_FAILED = "PUBLISH_FAILED";
  static final String RETRY_AFTER_SECONDS = "1";

  private PublishFailedException(String code, String detail, Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, code, detail, cause);
  }

  static PublishFailedException of(Throwable cause) {
    return isTimeout(cause)
        ? new PublishFailedException(PUBLISH_TIMEOUT, "Kafka did not acknowledge in time", cause)
        : new PublishFailedException(PUBLISH_FAILED, "Kafka did not accept the events", cause);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public HttpHeaders responseHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return headers;
  }
}

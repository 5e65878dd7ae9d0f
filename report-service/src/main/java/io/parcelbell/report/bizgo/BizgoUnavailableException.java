package io.parcelbell.report.bizgo;

/**
 * Bizgo could not answer now (HTTP 5xx or 429, A910/A920/A999/A020): worth asking again. Named so
 * that the {@code bizgoInquiry} retry in application.yml retries exactly these.
 */
public class BizgoUnavailableException extends RuntimeException {

  public BizgoUnavailableException(String message) {
    super(message);
  }
}

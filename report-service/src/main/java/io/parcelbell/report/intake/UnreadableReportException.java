package io.parcelbell.report.intake;

/**
 * A record on the report topic that can never become a report: retrying cannot help, so it goes to
 * the topic's .DLT at once (everything else the listener throws is retried).
 */
public class UnreadableReportException extends RuntimeException {

  UnreadableReportException(String message) {
    super(message);
  }
}

package io.parcelbell.report.intake;

/**
 * A consumed batch could not be stored (MongoDB slow or away): always retried, however deep a cause
 * that spring-kafka would otherwise call fatal, because Bizgo already has our 200 for every report
 * in it.
 */
public class ReportsNotStoredException extends RuntimeException {

  ReportsNotStoredException(int reports, Throwable cause) {
    super(reports + " reports not stored", cause);
  }
}

package io.parcelbell.report.intake;

/**
 * report-service's own topic between the report webhook and the report listener: the webhook
 * answers Bizgo once Kafka holds the report, and the listener stores and applies it at MongoDB's
 * pace. Internal: no other service produces to it or consumes it.
 *
 * <p>Key: the report's msgKey. Value: the request body exactly as Bizgo sent it (already checked to
 * be a readable report). Headers: {@link #RECEIVED_AT} and {@link #CLIENT_IP}.
 */
public final class ReportTopic {

  public static final String NAME = "parcelbell.report.bizgo-reports.v1";

  /** When the webhook received the report, ISO-8601 (it becomes the report's receivedAt). */
  public static final String RECEIVED_AT = "parcelbell-received-at";

  /** The client the request came from (after trusted proxies), for the record's audit trail. */
  public static final String CLIENT_IP = "parcelbell-client-ip";

  /** The listener container factory bean for this topic (its own deserializer and retries). */
  public static final String CONTAINER_FACTORY = "bizgoReportListenerFactory";

  private ReportTopic() {}
}

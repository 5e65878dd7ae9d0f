package io.parcelbell.report.intake;

import io.parcelbell.report.bizgo.BizgoReportParser;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores each report the webhook put on {@link ReportTopic} and applies it. The store is what the
 * offset waits for: any failure to store (MongoDB slow or down) throws and the record is retried
 * with back-off, without limit (see KafkaConfig). Storing is insert-if-absent and settling is
 * conditional, so a record seen twice changes nothing. Blocking is right here: the listener thread
 * is ours.
 */
@Component
class ReportListener {

  private static final Logger log = LoggerFactory.getLogger(ReportListener.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RawReportStore reports;
  private final ReportSettlement settlement;
  private final BizgoReportParser parser;

  ReportListener(RawReportStore reports, ReportSettlement settlement, ObjectMapper json) {
    this.reports = reports;
    this.settlement = settlement;
    this.parser = new BizgoReportParser(json);
  }

  @KafkaListener(
      id = "report-bizgo-reports",
      topics = ReportTopic.NAME,
      groupId = "parcelbell-report",
      containerFactory = ReportTopic.CONTAINER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    RawReport report = read(record);
    try {
      reports.saveIfAbsent(report).block(TIMEOUT);
    } catch (RuntimeException e) {
      // Thrown on: the error handler retries the record, without limit, until MongoDB takes it.
      log.warn("report {} not stored yet, will retry: {}", report.id(), e.toString());
      throw e;
    }
    try {
      settlement.apply(report).block(TIMEOUT);
    } catch (RuntimeException e) {
      // Stored is enough to commit: the report stays unapplied in bizgo_reports and the sweeper (or
      // its dispatch event, if still to come) applies it. Retrying here would hold the partition.
      log.warn("report {} stored but not yet applied: {}", report.id(), e.toString());
    }
  }

  private RawReport read(ConsumerRecord<String, byte[]> record) {
    Instant receivedAt = receivedAt(record);
    return parser
        .parse(record.value(), receivedAt)
        .report()
        .orElseThrow(
            () ->
                new UnreadableReportException(
                    "not a report at "
                        + record.topic()
                        + "-"
                        + record.partition()
                        + "@"
                        + record.offset()));
  }

  /**
   * The webhook's instant; the record's timestamp (set when it was sent) if the header is absent.
   */
  private static Instant receivedAt(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(ReportTopic.RECEIVED_AT);
    if (header == null || header.value() == null) {
      return Instant.ofEpochMilli(record.timestamp());
    }
    try {
      return Instant.parse(new String(header.value(), StandardCharsets.UTF_8));
    } catch (DateTimeParseException e) {
      throw new UnreadableReportException("bad " + ReportTopic.RECEIVED_AT + " header: " + e);
    }
  }
}

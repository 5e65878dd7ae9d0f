package io.parcelbell.report.intake;

import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.bizgo.BizgoReportParser;
import io.parcelbell.report.settlement.DeliveredInBulk;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores the reports the webhook put on {@link ReportTopic} and applies them, a polled batch at a
 * time: the batch is stored in one bulk command, its delivered reports settled in bulk ({@link
 * DeliveredInBulk}), then the rest applied with {@code parcelbell.report.concurrency} msgKeys at
 * once, each msgKey's reports in order ({@link KeyOrderedBatch}).
 *
 * <p>Storing is what the offsets wait for: if the batch cannot be stored (MongoDB slow or down) the
 * listener throws and the whole batch is retried with back-off, without limit (see KafkaConfig).
 * Applying may fail without holding anything up: the report stays unapplied in bizgo_reports and
 * the sweeper (or its dispatch event, if still to come) applies it. Storing is insert-if-absent and
 * settling is conditional, so a batch seen twice changes nothing.
 */
@Component
class ReportListener {

  static final String ID = "report-bizgo-reports";

  private static final Logger log = LoggerFactory.getLogger(ReportListener.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RawReportStore reports;
  private final ReportSettlement settlement;
  private final DeliveredInBulk delivered;
  private final BizgoReportParser parser;
  private final KeyOrderedBatch batch;
  private final Clock clock;

  ReportListener(
      RawReportStore reports,
      ReportSettlement settlement,
      DeliveredInBulk delivered,
      ObjectMapper json,
      KeyOrderedBatch batch,
      Clock clock) {
    this.clock = clock;
    this.reports = reports;
    this.settlement = settlement;
    this.delivered = delivered;
    this.parser = new BizgoReportParser(json);
    this.batch = batch;
  }

  @KafkaListener(
      id = ID,
      topics = ReportTopic.NAME,
      groupId = "parcelbell-report",
      containerFactory = ReportTopic.CONTAINER_FACTORY,
      batch = "true")
  void on(List<ConsumerRecord<String, byte[]>> records) {
    // Read up to the first record that is no report: it is dead-lettered once those before it are
    // done, and the ones after it come again (spring-kafka's BatchListenerFailedException).
    Map<ConsumerRecord<String, byte[]>, RawReport> read = new IdentityHashMap<>();
    UnreadableReportException unreadable = null;
    for (var record : records) {
      try {
        read.put(record, read(record));
      } catch (UnreadableReportException e) {
        unreadable = e;
        break;
      }
    }
    List<ConsumerRecord<String, byte[]>> readable = records.subList(0, read.size());
    try {
      reports.saveAllIfAbsent(readable.stream().map(read::get).toList()).block(TIMEOUT);
    } catch (RuntimeException e) {
      // Failing at index 0 commits nothing and has the batch polled again after the back-off,
      // without limit. Not a plain exception: spring-kafka's whole-batch retry would, once a
      // retry reached an unreadable record, give up on the whole batch and dead-letter it all.
      log.warn("{} reports not stored yet, will retry: {}", readable.size(), e.toString());
      throw new BatchListenerFailedException(
          "batch not stored", new ReportsNotStoredException(readable.size(), e), 0);
    }
    Queue<String> applied = new ConcurrentLinkedQueue<>();
    Set<String> settledInBulk = settleInBulk(readable, read);
    applied.addAll(settledInBulk);
    List<ConsumerRecord<String, byte[]>> rest =
        readable.stream().filter(r -> !settledInBulk.contains(read.get(r).id())).toList();
    batch.processRecords(ID, rest, record -> settle(read.get(record), applied));
    markApplied(applied);
    if (unreadable != null) {
      throw new BatchListenerFailedException(
          unreadable.getMessage(), unreadable, records.get(read.size()));
    }
  }

  /**
   * The batch's delivered reports first, in bulk, where each is the first of its msgKey in the
   * batch (a msgKey's later reports must follow it, so they go the report-by-report way after it).
   * Emits the ids of the reports it settled; on any error none, and all go that way.
   */
  private Set<String> settleInBulk(
      List<ConsumerRecord<String, byte[]>> readable,
      Map<ConsumerRecord<String, byte[]>, RawReport> read) {
    Set<String> seenMsgKeys = new HashSet<>();
    List<RawReport> first =
        readable.stream()
            .map(read::get)
            .filter(report -> seenMsgKeys.add(String.valueOf(report.msgKey())))
            .filter(DeliveredInBulk::fits)
            .toList();
    try {
      Set<String> settled = delivered.settle(first).block(TIMEOUT);
      return settled == null ? Set.of() : settled;
    } catch (RuntimeException e) {
      log.warn(
          "{} delivered reports not settled in bulk, one by one: {}", first.size(), e.toString());
      return Set.of();
    }
  }

  /** Settles what the report says; {@code applied} collects the reports that met their attempt. */
  private Mono<Void> settle(RawReport report, Queue<String> applied) {
    return settlement
        .settle(report)
        .doOnNext(met -> applied.add(report.id()))
        .timeout(TIMEOUT)
        .onErrorResume(
            // Stored is enough to commit; retrying here would hold the partition.
            e ->
                InTrace.run(
                    () ->
                        log.warn(
                            "report {} stored but not yet applied: {}", report.id(), e.toString())))
        .then();
  }

  /**
   * One write for the batch. If it fails the reports stay unapplied and the sweeper applies them
   * again, which changes nothing but the mark.
   */
  private void markApplied(Collection<String> ids) {
    try {
      reports.markAllApplied(ids, clock.instant()).block(TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("{} applied reports not marked so yet: {}", ids.size(), e.toString());
    }
  }

  private RawReport read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new UnreadableReportException("a record without a value" + at(record));
    }
    Instant receivedAt = receivedAt(record);
    return parser
        .parse(record.value(), receivedAt)
        .report()
        .orElseThrow(() -> new UnreadableReportException("not a report" + at(record)));
  }

  private static String at(ConsumerRecord<String, byte[]> record) {
    return " at " + record.topic() + "-" + record.partition() + "@" + record.offset();
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

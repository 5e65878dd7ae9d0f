package io.parcelbell.report.audit;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.audit.AuditRecorded;
import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.kafka.EventJson;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every service's audit records into report-service's log (stored as published: they came from the
 * topic). Its own records arrive here too and change nothing (AuditStore upserts on the id).
 */
@Component
class AuditProjection {

  /** A record that is no AuditRecorded: retrying cannot help. */
  static final class UnreadableAuditRecordException extends RuntimeException {
    UnreadableAuditRecordException(Throwable cause) {
      super("not an AuditRecorded", cause);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(AuditProjection.class);
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final AuditStore store;

  AuditProjection(AuditStore store) {
    this.store = store;
  }

  @KafkaListener(
      id = "audit-projection",
      topics = Topics.AUDIT,
      groupId = "parcelbell-report",
      containerFactory = AuditConfig.CONTAINER_FACTORY)
  void on(ConsumerRecord<String, byte[]> record) {
    AuditRecorded audit;
    try {
      audit = EventJson.mapper().readValue(record.value(), AuditRecorded.class);
    } catch (RuntimeException e) {
      // Kept, not dropped: the error handler parks it on parcelbell.audit.v1.DLT at once.
      log.warn(
          "unreadable audit record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      throw new UnreadableAuditRecordException(e);
    }
    // A listener thread, not an event loop: waiting here is what holds the offset until stored.
    store.save(audit, true).block(STORE_TIMEOUT);
  }
}

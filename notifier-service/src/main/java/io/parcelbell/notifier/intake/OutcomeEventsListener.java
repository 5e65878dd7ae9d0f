package io.parcelbell.notifier.intake;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.notifier.attempts.FallBackAfterFailedReport;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Settlements from report-service: a failed Alimtalk report triggers the SMS/LMS fallback. In
 * batches, like the shipment topic (the records' key is the shipment).
 */
@Component
class OutcomeEventsListener {

  static final String ID = "notification-outcome";

  private static final Logger log = LoggerFactory.getLogger(OutcomeEventsListener.class);

  private final FallBackAfterFailedReport fallBack;
  private final KeyOrderedBatch batch;

  OutcomeEventsListener(FallBackAfterFailedReport fallBack, KeyOrderedBatch batch) {
    this.fallBack = fallBack;
    this.batch = batch;
  }

  @KafkaListener(
      id = ID,
      topics = Topics.NOTIFICATION_OUTCOME,
      groupId = "${spring.kafka.consumer.group-id:parcelbell-notifier}",
      batch = "true")
  void on(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    batch.process(ID, records, this::handle);
  }

  private Mono<Void> handle(ParcelbellEvent event) {
    if (event instanceof NotificationSettled settled) {
      return fallBack.handle(settled);
    }
    if (event instanceof UnknownEvent unknown) {
      log.debug("skipping unknown event type {} ({})", unknown.type(), unknown.eventId());
    } else {
      log.debug("skipping {} on {}", event.getClass().getSimpleName(), Topics.NOTIFICATION_OUTCOME);
    }
    return Mono.empty();
  }
}

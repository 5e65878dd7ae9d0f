package io.parcelbell.notifier.intake;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.notifier.claims.ResendNotification;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Operators' commands from report-service (ResendRequested), keyed by shipment like the events, so
 * a resend and that shipment's own statuses are handled one after another.
 */
@Component
class CommandsListener {

  static final String ID = "notification-commands";

  private static final Logger log = LoggerFactory.getLogger(CommandsListener.class);

  private final ResendNotification resend;
  private final KeyOrderedBatch batch;

  CommandsListener(ResendNotification resend, KeyOrderedBatch batch) {
    this.resend = resend;
    this.batch = batch;
  }

  @KafkaListener(
      id = ID,
      topics = Topics.NOTIFICATION_COMMANDS,
      groupId = "${spring.kafka.consumer.group-id:parcelbell-notifier}",
      batch = "true")
  void on(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    batch.process(ID, records, this::handle);
  }

  private Mono<Void> handle(ParcelbellEvent event) {
    if (event instanceof ResendRequested command) {
      return resend.handle(command);
    }
    if (event instanceof UnknownEvent unknown) {
      log.debug("skipping unknown command type {} ({})", unknown.type(), unknown.eventId());
    } else {
      log.debug(
          "skipping {} on {}", event.getClass().getSimpleName(), Topics.NOTIFICATION_COMMANDS);
    }
    return Mono.empty();
  }
}

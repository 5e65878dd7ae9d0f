package io.parcelbell.flow.runs;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The three trigger topics, a polled batch at a time: the whole batch in bulk ({@link
 * RunStarter#handleAll}); when that fails, event by event, shipments concurrently and one
 * shipment's events in order ({@link KeyOrderedBatch}). Offsets are committed once every run an
 * event starts is stored; MongoDB away is waited out (the error handler retries without limit), an
 * undeserializable record goes to its topic's .DLT.
 */
@Component
class TriggerListener {

  static final String ID = "flow-triggers";
  static final String GROUP = "parcelbell-flow";
  private static final Duration BULK_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(TriggerListener.class);

  private final RunStarter starter;
  private final ActiveFlows flows;
  private final KeyOrderedBatch batch;

  TriggerListener(RunStarter starter, ActiveFlows flows, KeyOrderedBatch batch) {
    this.starter = starter;
    this.flows = flows;
    this.batch = batch;
  }

  @KafkaListener(
      id = ID,
      topics = {Topics.SHIPMENT_STATUS, Topics.NOTIFICATION_LIFECYCLE, Topics.NOTIFICATION_OUTCOME},
      groupId = GROUP,
      batch = "true")
  void on(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    // Loaded here, on the listener thread: the handlers run on MongoDB's threads, which must not
    // block on a first read.
    flows.of(Trigger.SHIPMENT_STATUS_CHANGED);
    Set<ConsumerRecord<String, ParcelbellEvent>> started = startedInBulk(records);
    batch.processRecords(
        ID, records, r -> started.contains(r) ? Mono.empty() : starter.handle(r.value()));
  }

  /**
   * The batch's events handled in bulk (two commands, not two per event); on any error none, and
   * every one goes the event-by-event way, where a failure is retried and an unreadable record
   * dead-lettered.
   */
  private Set<ConsumerRecord<String, ParcelbellEvent>> startedInBulk(
      List<ConsumerRecord<String, ParcelbellEvent>> records) {
    List<ConsumerRecord<String, ParcelbellEvent>> readable =
        records.stream().filter(r -> r.value() != null).toList();
    try {
      starter.handleAll(readable.stream().map(ConsumerRecord::value).toList()).block(BULK_TIMEOUT);
      Set<ConsumerRecord<String, ParcelbellEvent>> done =
          Collections.newSetFromMap(new IdentityHashMap<>());
      done.addAll(readable);
      return done;
    } catch (RuntimeException e) {
      log.warn("{} events not handled in bulk, one by one: {}", readable.size(), e.toString());
      return Set.of();
    }
  }
}

package io.parcelbell.flow.runs;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.flow.flows.ActiveFlows;
import io.parcelbell.flow.triggers.Trigger;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The three trigger topics, a polled batch at a time: shipments concurrently, one shipment's events
 * in order ({@link KeyOrderedBatch}). Offsets are committed once every run an event starts is
 * stored; MongoDB away is waited out (the error handler retries without limit), an undeserializable
 * record goes to its topic's .DLT.
 */
@Component
class TriggerListener {

  static final String ID = "flow-triggers";
  static final String GROUP = "parcelbell-flow";

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
    batch.process(ID, records, starter::handle);
  }
}

package io.parcelbell.report.history;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The notifier's lifecycle events, a polled batch at a time: records of different keys (shipments)
 * concurrently, one key's records in order ({@link KeyOrderedBatch}); each event handled by the
 * view service without blocking. A failure (MongoDB away) names its record and is waited out by the
 * error handler; the records before it are committed.
 */
@Component
class LifecycleListener {

  static final String ID = "report-lifecycle";
  static final String GROUP = "parcelbell-report";
  private static final Logger log = LoggerFactory.getLogger(LifecycleListener.class);

  private final NotificationViewService view;
  private final KeyOrderedBatch batch;

  LifecycleListener(NotificationViewService view, KeyOrderedBatch batch) {
    this.view = view;
    this.batch = batch;
  }

  @KafkaListener(id = ID, topics = Topics.NOTIFICATION_LIFECYCLE, groupId = GROUP, batch = "true")
  void on(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    try {
      batch.process(ID, records, this::handle);
    } catch (BatchListenerFailedException e) {
      // The records before the failed one are committed and will not come again: their
      // dispatches' waiting reports now. The failed one and those after it come again.
      int failed = e.getIndex() >= 0 ? e.getIndex() : records.indexOf(e.getRecord());
      afterDispatches(records.subList(0, Math.max(0, failed)));
      throw e;
    }
    afterDispatches(records);
  }

  /**
   * Once the dispatches are projected (their attempts added): the reports that overtook any of
   * them, one read for the batch. Outside any one record's trace: their "settled" lines and outcome
   * records start their own.
   */
  private void afterDispatches(List<ConsumerRecord<String, ParcelbellEvent>> records) {
    List<String> dispatched =
        records.stream()
            .map(ConsumerRecord::value)
            .filter(NotificationDispatched.class::isInstance)
            .map(event -> ((NotificationDispatched) event).msgKey())
            .distinct()
            .toList();
    view.afterDispatches(dispatched).block();
  }

  private Mono<Void> handle(ParcelbellEvent event) {
    if (event instanceof NotificationDispatched dispatched) {
      return view.dispatched(dispatched);
    }
    if (event instanceof NotificationRejected rejected) {
      return view.rejected(rejected);
    }
    if (event instanceof NotificationHeld held) {
      return view.held(held);
    }
    if (event instanceof NotificationSuperseded superseded) {
      return view.superseded(superseded);
    }
    if (event instanceof UnknownEvent unknown) {
      // Topics evolve additively: a newer notifier may publish types this build does not know.
      log.debug("skipping unknown event type {} ({})", unknown.type(), unknown.eventId());
    } else {
      log.debug("skipping {} on the lifecycle topic", event.getClass().getSimpleName());
    }
    return Mono.empty();
  }
}

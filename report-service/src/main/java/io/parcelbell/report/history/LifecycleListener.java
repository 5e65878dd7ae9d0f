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
    batch.process(ID, records, this::handle);
    // Only once the whole batch is projected: a batch that failed part-way leaves the reports
    // waiting for its committed dispatches to the sweeper, as a failed look would.
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

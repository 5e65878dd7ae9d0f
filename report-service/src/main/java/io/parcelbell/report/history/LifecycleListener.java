package io.parcelbell.report.history;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSuperseded;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.UnknownEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One handler per lifecycle event, each delegating to the view service. Blocking is right here: the
 * listener thread is ours and a partition must be processed in order.
 */
@Component
@KafkaListener(
    id = "report-lifecycle",
    topics = Topics.NOTIFICATION_LIFECYCLE,
    groupId = LifecycleListener.GROUP)
class LifecycleListener {

  static final String GROUP = "parcelbell-report";
  private static final Logger log = LoggerFactory.getLogger(LifecycleListener.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final NotificationViewService view;

  LifecycleListener(NotificationViewService view) {
    this.view = view;
  }

  @KafkaHandler
  void on(NotificationDispatched event) {
    await(view.dispatched(event));
  }

  @KafkaHandler
  void on(NotificationRejected event) {
    await(view.rejected(event));
  }

  @KafkaHandler
  void on(NotificationHeld event) {
    await(view.held(event));
  }

  @KafkaHandler
  void on(NotificationSuperseded event) {
    await(view.superseded(event));
  }

  @KafkaHandler
  void on(UnknownEvent event) {
    // Topics evolve additively: a newer notifier may publish types this build does not know.
    log.debug("skipping unknown event type {} ({})", event.type(), event.eventId());
  }

  @KafkaHandler(isDefault = true)
  void onOther(ParcelbellEvent event) {
    log.debug("skipping {} on the lifecycle topic", event.getClass().getSimpleName());
  }

  private static void await(Mono<Void> work) {
    work.block(TIMEOUT);
  }
}

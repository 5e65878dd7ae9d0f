package io.parcelbell.notifier.intake;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.notifier.dispatch.FallBackAfterFailedReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Settlements from report-service: a failed Alimtalk report triggers the SMS/LMS fallback. */
@Component
@KafkaListener(
    id = OutcomeEventsListener.ID,
    topics = Topics.NOTIFICATION_OUTCOME,
    groupId = "${spring.kafka.consumer.group-id:parcelbell-notifier}")
class OutcomeEventsListener {

  static final String ID = "notification-outcome";

  private static final Logger log = LoggerFactory.getLogger(OutcomeEventsListener.class);

  private final FallBackAfterFailedReport fallBack;

  OutcomeEventsListener(FallBackAfterFailedReport fallBack) {
    this.fallBack = fallBack;
  }

  @KafkaHandler
  void on(NotificationSettled event) {
    fallBack.handle(event);
  }

  @KafkaHandler
  void on(UnknownEvent event) {
    log.debug("skipping unknown event type {} ({})", event.type(), event.eventId());
  }

  @KafkaHandler(isDefault = true)
  void onOther(ParcelbellEvent event) {
    log.debug("skipping {} on {}", event.getClass().getSimpleName(), Topics.NOTIFICATION_OUTCOME);
  }
}

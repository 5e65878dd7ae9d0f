package io.parcelbell.report.support;

import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationStore;
import org.springframework.kafka.core.KafkaTemplate;

/** What notifier would publish first, and waiting until report-service has taken it in. */
public final class Dispatches {

  private Dispatches() {}

  /**
   * Publishes the shipment's first Alimtalk dispatch and returns once report-service holds its
   * attempt, so a delivery report sent next finds it.
   */
  public static void firstAlimtalk(
      KafkaTemplate<String, ParcelbellEvent> kafka,
      NotificationStore notifications,
      Events shipment) {
    ParcelbellEvent dispatched = shipment.dispatched(Channel.ALIMTALK, 1, false);
    kafka.send(Topics.NOTIFICATION_LIFECYCLE, dispatched.shipmentKey(), dispatched).join();
    await()
        .until(
            () -> {
              var doc = notifications.findById(shipment.notificationId()).block();
              return doc != null && doc.attempt(shipment.msgKey(Channel.ALIMTALK)).isPresent();
            });
  }
}

package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.recipient.PhoneNumbers;
import io.parcelbell.notifier.templates.RenderedMessage;
import io.parcelbell.notifier.templates.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A shipment changed status: tell the customer once, now or when quiet hours end. Runs on the Kafka
 * listener thread and blocks there (bounded by {@code parcelbell.notifier.step-timeout}) so the
 * offset is committed only after the outcome was stored and published.
 */
@Service
public class NotifyShipmentStatus {

  private static final Logger log = LoggerFactory.getLogger(NotifyShipmentStatus.class);

  private final TemplateCatalog templates;
  private final NotificationStore store;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final Clock clock;
  private final Duration dedupWindow;
  private final Duration timeout;

  NotifyShipmentStatus(
      TemplateCatalog templates,
      NotificationStore store,
      AttemptRunner runner,
      HoldOrSupersede holds,
      Clock clock,
      NotifierProperties properties) {
    this.templates = templates;
    this.store = store;
    this.runner = runner;
    this.holds = holds;
    this.clock = clock;
    this.dedupWindow = properties.dedupWindow();
    this.timeout = properties.stepTimeout();
  }

  public void handle(ShipmentStatusChanged event) {
    Optional<RenderedMessage> content = templates.render(event);
    if (content.isEmpty()) {
      log.debug("no template for status {} of {}", event.status(), event.shipmentKey());
      return;
    }
    if (isBehindWhatWasNotified(event)) {
      return;
    }
    Instant now = clock.instant();
    String recipient = PhoneNumbers.normalize(event.metadata().customerPhone()).orElse(null);
    NotificationDocument fresh =
        NotificationDocument.claimed(event, recipient, content.get(), now, now.plus(dedupWindow));
    NotificationStore.Claim claim = store.claim(fresh).block(timeout);
    if (claim == null) {
      throw new IllegalStateException("notification " + fresh.id() + " vanished while claimed");
    }
    NotificationDocument notification = claim.document();
    switch (notification.state()) {
      case HELD -> {
        // Held before; publishing again is harmless (same event id) and covers a crash between
        // storing the hold and publishing it.
        holds.republishHeld(notification);
        return;
      }
      case CLAIMED -> {}
      default -> {
        log.info("{} already handled; event {} dropped", notification, event.eventId());
        return;
      }
    }
    if (notification.attempts().isEmpty()) {
      holds.supersedeHeldSiblings(notification);
      if (holds.holdIfQuiet(notification)) {
        return;
      }
    } else {
      // Claimed by an earlier delivery that did not finish (crash, Bizgo down): resume it.
      log.info("resuming {}", notification);
    }
    runner.run(notification);
  }

  /**
   * Checked before the claim, so a dropped status leaves no document and a redelivery decides the
   * same way. Safe without a transaction: one shipment's events are handled one at a time on its
   * partition.
   */
  private boolean isBehindWhatWasNotified(ShipmentStatusChanged event) {
    List<NotificationDocument> live =
        store
            .liveOfShipment(event.courierCode(), event.trackingNumber())
            .collectList()
            .block(timeout);
    for (NotificationDocument other : live == null ? List.<NotificationDocument>of() : live) {
      if (StatusOrder.isBehind(event.status(), other.shipmentStatus())) {
        log.info(
            "{} of {} is behind {} already notified; dropped",
            event.status(),
            event.shipmentKey(),
            other.shipmentStatus());
        return true;
      }
    }
    return false;
  }
}

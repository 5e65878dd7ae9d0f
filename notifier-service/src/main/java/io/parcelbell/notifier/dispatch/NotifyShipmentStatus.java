package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.recipient.PhoneNumbers;
import io.parcelbell.notifier.templates.RenderedMessage;
import io.parcelbell.notifier.templates.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  private final NotificationClaims claims;
  private final RegressionGuard guard;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final Clock clock;
  private final Duration dedupWindow;
  private final Duration timeout;

  NotifyShipmentStatus(
      TemplateCatalog templates,
      NotificationClaims claims,
      RegressionGuard guard,
      AttemptRunner runner,
      HoldOrSupersede holds,
      Clock clock,
      NotifierProperties properties) {
    this.templates = templates;
    this.claims = claims;
    this.guard = guard;
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
    if (guard.dropIfBehind(event)) {
      return;
    }
    Instant now = clock.instant();
    String recipient = PhoneNumbers.normalize(event.metadata().customerPhone()).orElse(null);
    NotificationDocument fresh =
        NotificationDocument.claimed(event, recipient, content.get(), now, now.plus(dedupWindow));
    NotificationClaims.Claim claim = claims.claim(fresh).block(timeout);
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
    if (notification.lastAttempt() == null) {
      holds.supersedeHeldSiblings(notification);
      guard.settleOvertaken(notification);
      if (holds.holdIfQuiet(notification)) {
        return;
      }
    } else {
      // Claimed by an earlier delivery that did not finish (crash, Bizgo down): resume it.
      log.info("resuming {}", notification);
    }
    runner.run(notification);
  }
}

package io.parcelbell.notifier.claims;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.attempts.AttemptRunner;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import io.parcelbell.notifier.notification.ShipmentNotifications;
import io.parcelbell.notifier.quiethours.HoldOrSupersede;
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
import reactor.core.publisher.Mono;

/**
 * A shipment changed status: tell the customer once, now or when quiet hours end. The returned Mono
 * completes when the outcome is stored and published, so the consumed offset is committed only
 * then. One shipment's statuses are handled one after another (the listener keeps them in order).
 *
 * <p>The MongoDB round trips of an Alimtalk accepted at the first try: one read of the shipment's
 * notifications (regression guard, held siblings, overtaken claims), one insert that claims it with
 * its first attempt and the run's lease, the answer, the finish: four.
 */
@Service
public class NotifyShipmentStatus {

  private static final Logger log = LoggerFactory.getLogger(NotifyShipmentStatus.class);

  private final TemplateCatalog templates;
  private final NotificationStore store;
  private final NotificationClaims claims;
  private final RegressionGuard guard;
  private final AttemptRunner runner;
  private final HoldOrSupersede holds;
  private final Clock clock;
  private final Duration dedupWindow;
  private final Duration timeout;

  NotifyShipmentStatus(
      TemplateCatalog templates,
      NotificationStore store,
      NotificationClaims claims,
      RegressionGuard guard,
      AttemptRunner runner,
      HoldOrSupersede holds,
      Clock clock,
      NotifierProperties properties) {
    this.templates = templates;
    this.store = store;
    this.claims = claims;
    this.guard = guard;
    this.runner = runner;
    this.holds = holds;
    this.clock = clock;
    this.dedupWindow = properties.dedupWindow();
    this.timeout = properties.stepTimeout();
  }

  public Mono<Void> handle(ShipmentStatusChanged event) {
    Optional<RenderedMessage> content = templates.render(event);
    if (content.isEmpty()) {
      log.debug("no template for status {} of {}", event.status(), event.shipmentKey());
      return Mono.empty();
    }
    return store
        .ofShipment(event.courierCode(), event.trackingNumber(), event.status())
        .timeout(timeout)
        .flatMap(
            shipment ->
                guard
                    .dropIfBehind(event, shipment)
                    .flatMap(
                        dropped ->
                            dropped ? Mono.empty() : claimAndSend(event, content.get(), shipment)));
  }

  private Mono<Void> claimAndSend(
      ShipmentStatusChanged event, RenderedMessage content, ShipmentNotifications shipment) {
    Instant now = clock.instant();
    String recipient = PhoneNumbers.normalize(event.metadata().customerPhone()).orElse(null);
    NotificationDocument claimed =
        NotificationDocument.claimed(event, recipient, content, now, now.plus(dedupWindow));
    NotificationDocument fresh =
        holds
            .releaseAt(claimed)
            .map(claimed::heldUntil)
            .orElseGet(() -> withFirstAttempt(claimed, now));
    String token = AttemptRunner.newRunToken();
    return claims
        .claim(fresh, token, runner.lease())
        .timeout(timeout)
        .flatMap(
            claim ->
                claim.fresh()
                    ? decided(claim.document(), token, shipment)
                    : existing(claim.document(), event, shipment));
  }

  /** Claimed now: tidy the shipment's older notifications, then hold it or send it. */
  private Mono<Void> decided(
      NotificationDocument notification, String token, ShipmentNotifications shipment) {
    if (notification.state() == DispatchState.HELD) {
      return tidy(notification, shipment).then(holds.announceHeld(notification));
    }
    return tidy(notification, shipment)
        // The claim took the run's lease: let go of it, so the redelivery resumes (and tidies) at
        // once rather than after the lease.
        .onErrorResume(
            failed ->
                store
                    .releaseRun(notification.id(), token)
                    .timeout(timeout)
                    .onErrorComplete()
                    .then(Mono.error(failed)))
        .then(Mono.defer(() -> runner.runLeased(notification, token)));
  }

  /**
   * The shipment's held notifications before this one are superseded, its unfinished overtaken ones
   * settled; every write is conditional, so tidying again on a redelivery changes nothing twice.
   */
  private Mono<Void> tidy(NotificationDocument notification, ShipmentNotifications shipment) {
    return holds
        .supersedeHeldSiblings(notification, shipment)
        .then(Mono.defer(() -> guard.settleOvertaken(notification, shipment)));
  }

  /** Claimed by an earlier delivery of this status (or another replica). */
  private Mono<Void> existing(
      NotificationDocument notification,
      ShipmentStatusChanged event,
      ShipmentNotifications shipment) {
    return switch (notification.state()) {
      // Held before; tidying and publishing again cover a crash between storing the hold and
      // publishing it.
      case HELD -> tidy(notification, shipment).then(holds.announceHeld(notification));
      case CLAIMED -> {
        // Claimed by an earlier delivery that did not finish (crash, Bizgo down): tidy what it may
        // not have tidied, then resume it.
        yield InTrace.run(() -> log.info("resuming {}", notification))
            .then(tidy(notification, shipment))
            .then(Mono.defer(() -> runner.run(notification)));
      }
      default -> {
        yield InTrace.run(
            () -> log.info("{} already handled; event {} dropped", notification, event.eventId()));
      }
    };
  }

  /** No Alimtalk when its text cannot be sent as one (see TemplateCatalog): SMS/LMS at once. */
  static NotificationDocument withFirstAttempt(NotificationDocument claimed, Instant now) {
    if (claimed.recipient() == null) {
      return claimed; // rejected by the run before any attempt
    }
    Channel first =
        claimed.content().alimtalk() == null
            ? claimed.content().fallback().channel()
            : Channel.ALIMTALK;
    return claimed.withFirstAttempt(Attempt.requested(claimed.id(), 1, first, now));
  }
}

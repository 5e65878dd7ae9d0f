package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.bizgo.BizgoMessage;
import io.parcelbell.notifier.bizgo.BizgoResult;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.templates.RenderedMessage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drives a claimed notification to DISPATCHED or DEAD_LETTER, starting from whatever its stored
 * attempts say. Every step is stored before the next, so a run interrupted anywhere resumes where
 * it stopped: an attempt still REQUESTED is re-sent with its own idempotency key, an accepted one
 * is only published.
 */
@Component
class AttemptRunner {

  private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

  private final NotificationStore store;
  private final BizgoClient bizgo;
  private final LifecyclePublisher publisher;
  private final Clock clock;
  private final Duration timeout;

  AttemptRunner(
      NotificationStore store,
      BizgoClient bizgo,
      LifecyclePublisher publisher,
      Clock clock,
      NotifierProperties properties) {
    this.store = store;
    this.bizgo = bizgo;
    this.publisher = publisher;
    this.clock = clock;
    this.timeout = properties.stepTimeout();
  }

  void run(NotificationDocument notification) {
    if (notification.recipient() == null) {
      publisher.publish(LifecycleEvents.invalidRecipient(notification));
      finish(notification, DispatchState.DEAD_LETTER, LifecycleEvents.INVALID_RECIPIENT);
      return;
    }
    Attempt attempt = notification.lastAttempt();
    if (attempt == null) {
      // No Alimtalk when its text cannot be sent as one (see TemplateCatalog): SMS/LMS at once.
      Channel first =
          notification.content().alimtalk() == null
              ? notification.content().fallback().channel()
              : Channel.ALIMTALK;
      attempt = start(notification, notification.firstAttempt(), first);
    }
    while (true) {
      switch (attempt.status()) {
        case REQUESTED -> attempt = send(notification, attempt);
        case ACCEPTED -> {
          publisher.publish(LifecycleEvents.dispatched(notification, attempt));
          finish(notification, DispatchState.DISPATCHED, null);
          return;
        }
        case REJECTED -> {
          publisher.publish(LifecycleEvents.rejected(notification, attempt));
          if (LifecycleEvents.isFinalChannel(attempt.channel())) {
            finish(notification, DispatchState.DEAD_LETTER, attempt.code());
            return;
          }
          // A synchronous Alimtalk refusal falls back at once; the report path is next issue's.
          Channel fallback = notification.content().fallback().channel();
          attempt = start(notification, attempt.number() + 1, fallback);
        }
      }
    }
  }

  private Attempt start(NotificationDocument notification, int number, Channel channel) {
    Attempt attempt = Attempt.requested(notification.id(), number, channel, clock.instant());
    store.addAttempt(notification.id(), attempt).block(timeout);
    return attempt;
  }

  private Attempt send(NotificationDocument notification, Attempt attempt) {
    BizgoResult result = bizgo.send(messageOf(notification, attempt)).block(timeout);
    Attempt answered;
    if (result instanceof BizgoResult.Accepted accepted) {
      answered = attempt.accepted(accepted.msgKey(), clock.instant());
    } else if (result instanceof BizgoResult.InvalidRecipient invalid) {
      answered = attempt.rejected(invalid.code(), invalid.reason(), clock.instant());
    } else if (result instanceof BizgoResult.Rejected rejected) {
      answered = attempt.rejected(rejected.code(), rejected.reason(), clock.instant());
    } else if (result instanceof BizgoResult.ConfigurationError) {
      throw new BizgoConfigurationException(notification.id(), result);
    } else {
      // Transient even after the retries: not the message's fault, so no fallback; the record is
      // retried and this attempt resumed with the same key.
      throw new BizgoUnavailableException(notification.id(), result);
    }
    store.answer(notification.id(), answered).block(timeout);
    log.debug("{} attempt {} answered {}", notification, attempt.number(), answered.status());
    return answered;
  }

  private static BizgoMessage messageOf(NotificationDocument notification, Attempt attempt) {
    RenderedMessage content = notification.content();
    if (attempt.channel() == Channel.ALIMTALK) {
      var buttons =
          content.alimtalk().buttons().stream()
              .map(b -> new BizgoMessage.Button(b.type(), b.name(), b.urlMobile(), b.urlPc()))
              .toList();
      return new BizgoMessage(
          notification.recipient(),
          notification.id(),
          attempt.idempotencyKey(),
          Channel.ALIMTALK,
          content.alimtalk().templateCode(),
          null,
          content.alimtalk().text(),
          buttons);
    }
    return new BizgoMessage(
        notification.recipient(),
        notification.id(),
        attempt.idempotencyKey(),
        attempt.channel(),
        null,
        content.fallback().title(),
        content.fallback().text(),
        null);
  }

  private void finish(NotificationDocument notification, DispatchState state, String reason) {
    store.finish(notification.id(), state, reason).block(timeout);
    log.info("{} is {}{}", notification.id(), state, reason == null ? "" : " (" + reason + ")");
  }
}

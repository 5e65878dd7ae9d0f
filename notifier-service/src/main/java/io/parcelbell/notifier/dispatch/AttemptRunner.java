package io.parcelbell.notifier.dispatch;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.bizgo.BizgoResult;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Drives a claimed notification to DISPATCHED or DEAD_LETTER, starting from whatever its stored
 * attempts say. Every step is stored before the next, so a run interrupted anywhere resumes where
 * it stopped: an attempt still REQUESTED is re-sent with its own idempotency key, an accepted one
 * is only published.
 *
 * <p>A run holds the notification under a lease ({@link NotificationStore#takeRun}), extended by
 * each of its writes: while another run holds it this one fails with {@link
 * NotificationBusyException} (the record is redelivered later and then finds it finished, or takes
 * over an expired lease), and a run whose lease was taken over stops at its next write with the
 * same exception. So one notification is sent and published once, however many runners meet it.
 */
@Component
class AttemptRunner {

  private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

  private final NotificationStore store;
  private final BizgoClient bizgo;
  private final LifecyclePublisher publisher;
  private final Clock clock;
  private final Duration timeout;
  private final Duration lease;

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
    // Longer than any one step: a live run extends it at every write, a crashed one lets go soon.
    this.lease = properties.stepTimeout().multipliedBy(2);
  }

  void run(NotificationDocument claimed) {
    String token = UUID.randomUUID().toString();
    NotificationDocument notification =
        store.takeRun(claimed.id(), token, lease).blockOptional(timeout).orElse(null);
    if (notification == null) {
      throw new NotificationBusyException(claimed.id());
    }
    try {
      new Run(notification, token).toTheEnd();
    } catch (NotificationBusyException lost) {
      throw lost; // another run holds it now: nothing of ours to let go
    } catch (RuntimeException failed) {
      // Bizgo or MongoDB down, credentials rejected: the redelivered record resumes the run at
      // once, not after the lease (best effort: if MongoDB is what failed, the lease expires).
      store.releaseRun(notification.id(), token).onErrorComplete().block(timeout);
      throw failed;
    }
  }

  /** One runner's work on one notification, under its lease token. */
  private final class Run {

    private final NotificationDocument notification;
    private final String token;

    Run(NotificationDocument notification, String token) {
      this.notification = notification;
      this.token = token;
    }

    void toTheEnd() {
      if (notification.recipient() == null) {
        publisher.publish(LifecycleEvents.invalidRecipient(notification));
        finish(DispatchState.DEAD_LETTER, LifecycleEvents.INVALID_RECIPIENT);
        return;
      }
      Attempt attempt = notification.lastAttempt();
      if (attempt == null) {
        // No Alimtalk when its text cannot be sent as one (see TemplateCatalog): SMS/LMS at once.
        Channel first =
            notification.content().alimtalk() == null
                ? notification.content().fallback().channel()
                : Channel.ALIMTALK;
        attempt = start(notification.firstAttempt(), first);
      }
      while (true) {
        switch (attempt.status()) {
          case REQUESTED -> attempt = send(attempt);
          case ACCEPTED -> {
            publisher.publish(LifecycleEvents.dispatched(notification, attempt));
            finish(DispatchState.DISPATCHED, null);
            return;
          }
          case REJECTED -> {
            publisher.publish(LifecycleEvents.rejected(notification, attempt));
            if (LifecycleEvents.isFinalChannel(attempt.channel())) {
              finish(DispatchState.DEAD_LETTER, attempt.code());
              return;
            }
            // A synchronous Alimtalk refusal falls back at once (a failed report: see
            // FallBackAfterFailedReport).
            Channel fallback = notification.content().fallback().channel();
            attempt = start(attempt.number() + 1, fallback);
          }
        }
      }
    }

    private Attempt start(int number, Channel channel) {
      Attempt attempt = Attempt.requested(notification.id(), number, channel, clock.instant());
      ensureHeld(store.addAttempt(notification.id(), token, attempt, lease));
      return attempt;
    }

    private Attempt send(Attempt attempt) {
      BizgoResult result = bizgo.send(BizgoMessages.of(notification, attempt)).block(timeout);
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
      ensureHeld(store.answer(notification.id(), token, answered, lease));
      log.debug("{} attempt {} answered {}", notification, attempt.number(), answered.status());
      return answered;
    }

    private void finish(DispatchState state, String reason) {
      ensureHeld(store.finish(notification.id(), token, state, reason));
      log.info("{} is {}{}", notification.id(), state, reason == null ? "" : " (" + reason + ")");
    }

    /** A conditional write that did not apply: another run took the notification over. */
    private void ensureHeld(Mono<Boolean> write) {
      if (!Boolean.TRUE.equals(write.block(timeout))) {
        throw new NotificationBusyException(notification.id());
      }
    }
  }
}

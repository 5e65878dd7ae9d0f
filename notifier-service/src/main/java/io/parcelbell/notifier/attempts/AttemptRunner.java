package io.parcelbell.notifier.attempts;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.bizgo.BizgoResult;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.lifecycle.LifecycleEvents;
import io.parcelbell.notifier.lifecycle.LifecyclePublisher;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationBusyException;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
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
 * is only published. Non-blocking: each step is a Mono, bounded by {@code
 * parcelbell.notifier.step-timeout}.
 *
 * <p>A run holds the notification under a lease ({@link NotificationStore#takeRun}, or taken with
 * the claim itself), extended by each of its writes: while another run holds it this one fails with
 * {@link NotificationBusyException} (the record is redelivered later and then finds it finished, or
 * takes over an expired lease), and a run whose lease was taken over stops at its next write with
 * the same exception. So one notification is sent and published once, however many runners meet it.
 *
 * <p>An Alimtalk accepted at the first try costs two writes here (the answer, the finish) on top of
 * the claim that inserted it with its first attempt and lease.
 */
@Component
public class AttemptRunner {

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

  /** How long a run's lease lasts past its latest write. */
  public Duration lease() {
    return lease;
  }

  /** A token for a run whose lease the caller takes with its own write (the claim). */
  public static String newRunToken() {
    return UUID.randomUUID().toString();
  }

  /** A notification as it was when this run's lease was taken, and the run's token. */
  public record Taken(NotificationDocument notification, String token) {}

  /** Takes the run's lease, then runs it to the end. */
  public Mono<Void> run(NotificationDocument claimed) {
    return take(claimed).flatMap(taken -> runLeased(taken.notification(), taken.token()));
  }

  /**
   * Takes the run's lease (or fails with {@link NotificationBusyException}) without running yet:
   * the quiet-hours release decides under it whether to send or supersede.
   */
  public Mono<Taken> take(NotificationDocument claimed) {
    String token = newRunToken();
    return store
        .takeRun(claimed.id(), token, lease)
        .timeout(timeout)
        .switchIfEmpty(Mono.error(() -> new NotificationBusyException(claimed.id())))
        .map(notification -> new Taken(notification, token));
  }

  /** Runs a notification that {@code token} already holds the lease of. */
  public Mono<Void> runLeased(NotificationDocument notification, String token) {
    return new Run(notification, token)
        .toTheEnd()
        .onErrorResume(
            e -> !(e instanceof NotificationBusyException),
            // Bizgo or MongoDB down, credentials rejected: the redelivered record resumes the run
            // at once, not after the lease (best effort: if MongoDB is what failed, the lease
            // expires).
            failed ->
                store
                    .releaseRun(notification.id(), token)
                    .timeout(timeout)
                    .onErrorComplete()
                    .then(Mono.error(failed)));
  }

  /** One runner's work on one notification, under its lease token. */
  private final class Run {

    private final NotificationDocument notification;
    private final String token;

    Run(NotificationDocument notification, String token) {
      this.notification = notification;
      this.token = token;
    }

    Mono<Void> toTheEnd() {
      if (notification.recipient() == null) {
        return publisher
            .publish(LifecycleEvents.invalidRecipient(notification))
            .then(finish(DispatchState.DEAD_LETTER, LifecycleEvents.INVALID_RECIPIENT));
      }
      Attempt attempt = notification.lastAttempt();
      if (attempt != null) {
        return step(attempt);
      }
      // No Alimtalk when its text cannot be sent as one (see TemplateCatalog): SMS/LMS at once.
      Channel first =
          notification.content().alimtalk() == null
              ? notification.content().fallback().channel()
              : Channel.ALIMTALK;
      return start(notification.firstAttempt(), first).flatMap(this::step);
    }

    private Mono<Void> step(Attempt attempt) {
      return switch (attempt.status()) {
        case REQUESTED -> send(attempt).flatMap(this::step);
        case ACCEPTED ->
            publisher
                .publish(LifecycleEvents.dispatched(notification, attempt))
                .then(finish(DispatchState.DISPATCHED, null));
        case REJECTED -> {
          Mono<Void> published = publisher.publish(LifecycleEvents.rejected(notification, attempt));
          if (LifecycleEvents.isFinalChannel(attempt.channel())) {
            yield published.then(finish(DispatchState.DEAD_LETTER, attempt.code()));
          }
          // A synchronous Alimtalk refusal falls back at once (a failed report: see
          // FallBackAfterFailedReport).
          Channel fallback = notification.content().fallback().channel();
          yield published.then(start(attempt.number() + 1, fallback)).flatMap(this::step);
        }
      };
    }

    private Mono<Attempt> start(int number, Channel channel) {
      Attempt attempt = Attempt.requested(notification.id(), number, channel, clock.instant());
      return held(store.addAttempt(notification.id(), token, attempt, lease)).thenReturn(attempt);
    }

    private Mono<Attempt> send(Attempt attempt) {
      return bizgo
          .send(BizgoMessages.of(notification, attempt))
          .timeout(timeout)
          .map(result -> answered(attempt, result))
          .flatMap(
              answered ->
                  held(store.answer(notification.id(), token, answered, lease))
                      .tap(
                          InTrace.onSuccess(
                              done ->
                                  log.debug(
                                      "{} attempt {} answered {}",
                                      notification,
                                      attempt.number(),
                                      answered.status())))
                      .thenReturn(answered));
    }

    private Attempt answered(Attempt attempt, BizgoResult result) {
      if (result instanceof BizgoResult.Accepted accepted) {
        return attempt.accepted(accepted.msgKey(), clock.instant());
      } else if (result instanceof BizgoResult.InvalidRecipient invalid) {
        return attempt.rejected(invalid.code(), invalid.reason(), clock.instant());
      } else if (result instanceof BizgoResult.Rejected rejected) {
        return attempt.rejected(rejected.code(), rejected.reason(), clock.instant());
      } else if (result instanceof BizgoResult.ConfigurationError) {
        throw new BizgoConfigurationException(notification.id(), result);
      }
      // Transient even after the retries: not the message's fault, so no fallback; the record is
      // retried and this attempt resumed with the same key.
      throw new BizgoUnavailableException(notification.id(), result);
    }

    private Mono<Void> finish(DispatchState state, String reason) {
      return held(store.finish(notification.id(), token, state, reason))
          .tap(
              InTrace.onSuccess(
                  done ->
                      log.info(
                          "{} is {}{}",
                          notification.id(),
                          state,
                          reason == null ? "" : " (" + reason + ")")));
    }

    /** A conditional write that did not apply: another run took the notification over. */
    private Mono<Void> held(Mono<Boolean> write) {
      return write
          .timeout(timeout)
          .flatMap(
              applied ->
                  Boolean.TRUE.equals(applied)
                      ? Mono.<Void>empty()
                      : Mono.error(new NotificationBusyException(notification.id())));
    }
  }
}

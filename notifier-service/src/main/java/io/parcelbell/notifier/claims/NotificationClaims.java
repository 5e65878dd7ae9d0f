package io.parcelbell.notifier.claims;

import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.DispatchState;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.notification.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The dedup decision: one notification per (courier, tracking number, status) per dedup window.
 * Claiming is an insert on the unique {@code _id}, so two consumers racing on one event cannot both
 * win. When the id exists, is finished and its window ({@code expiresAt}) has passed by the Clock,
 * the same status is news again: the document is re-claimed in place with one conditional
 * findAndModify (compare-and-set on its generation), never read-then-write.
 *
 * <p>The claim stores what happens next in the same write: a notification to send now is inserted
 * with its first attempt and the claiming run's lease ({@link NotificationStore#takeRun}'s fields),
 * one to hold with its release time. So claiming costs one write, not three.
 *
 * <p>The retention TTL (NotificationIndexes) deletes only documents that ended ({@code endedAt}),
 * and only {@code retention.after-end} (30 days) later: never one stuck CLAIMED through an outage
 * (it must resume with its stored idempotency key), and not before a report-driven SMS fallback can
 * still arrive (report-service expires an attempt after a day). Within a document, attempt numbers
 * (hence Bizgo idempotency keys) continue from the stored ones; once it is deleted the same status
 * starts at attempt 1 again, which is safe because the retention is checked at start to outlast
 * Bizgo's idempotency TTL, so Bizgo has forgotten the old key (it would answer A301 otherwise).
 */
@Component
class NotificationClaims {

  static final Set<DispatchState> FINISHED =
      EnumSet.of(DispatchState.DISPATCHED, DispatchState.DEAD_LETTER, DispatchState.SUPERSEDED);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  NotificationClaims(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * {@code fresh}: this caller won the claim and decides what happens to the notification; a fresh
   * CLAIMED notification is then leased to the claiming run's token.
   */
  record Claim(NotificationDocument document, boolean fresh) {}

  /**
   * Claims {@code fresh} (CLAIMED with its first attempt, or HELD), leased to {@code token} when it
   * is CLAIMED.
   */
  Mono<Claim> claim(NotificationDocument fresh, String token, Duration lease) {
    Document leased = new Document();
    mongo.getConverter().write(fresh, leased);
    if (fresh.state() == DispatchState.CLAIMED) {
      leased.put(NotificationStore.RUNNER, token);
      leased.put(NotificationStore.RUN_LEASE_UNTIL, Date.from(clock.instant().plus(lease)));
    }
    return mongo
        .insert(leased, NotificationDocument.COLLECTION)
        .thenReturn(new Claim(fresh, true))
        .onErrorResume(
            DuplicateKeyException.class,
            e ->
                mongo
                    .findById(fresh.id(), NotificationDocument.class)
                    .switchIfEmpty(
                        Mono.error(
                            () ->
                                new IllegalStateException(
                                    "notification " + fresh.id() + " vanished while claimed")))
                    .flatMap(existing -> claimExisting(existing, fresh, token, lease)));
  }

  private Mono<Claim> claimExisting(
      NotificationDocument existing, NotificationDocument fresh, String token, Duration lease) {
    Instant now = clock.instant();
    if (!FINISHED.contains(existing.state())
        || existing.expiresAt() == null
        || !existing.expiresAt().isBefore(now)) {
      return Mono.just(new Claim(existing, false));
    }
    Criteria expired = Criteria.where("state").in(FINISHED).and("expiresAt").lt(now);
    return reclaim(existing, fresh, now, token, lease, expired)
        .map(reclaimed -> new Claim(reclaimed, true))
        // Another consumer re-claimed it first: this one sees its generation, like a duplicate.
        .switchIfEmpty(
            Mono.defer(() -> mongo.findById(fresh.id(), NotificationDocument.class))
                .map(latest -> new Claim(latest, false)));
  }

  /**
   * An operator's resend of a dead-lettered notification (report-service's verdict; here it is
   * DISPATCHED when its last attempt failed on a delivery report, DEAD_LETTER when it was refused
   * at once): the next generation at once, whatever its dedup window, if it has ended and is still
   * the generation that was read with no attempt added since (ResendNotification checked that its
   * last attempt is the one the operator saw). Empty otherwise: another delivery of a command for
   * the same ending got there first.
   */
  Mono<NotificationDocument> resend(
      NotificationDocument existing, NotificationDocument fresh, String token, Duration lease) {
    return reclaim(
        existing,
        fresh,
        clock.instant(),
        token,
        lease,
        Criteria.where("state").in(DispatchState.DISPATCHED, DispatchState.DEAD_LETTER));
  }

  /**
   * Still the generation that was read (no attempt added since) and {@code condition} → the next
   * generation, in the state of {@code fresh} (CLAIMED with its first attempt and leased, or HELD)
   * with its content and window. Empty when the condition no longer holds.
   */
  private Mono<NotificationDocument> reclaim(
      NotificationDocument existing,
      NotificationDocument fresh,
      Instant now,
      String token,
      Duration lease,
      Criteria condition) {
    int firstAttempt = existing.nextAttemptNumber();
    Query expired =
        Query.query(
            // _id at the top level, so MongoDB looks the document up by its primary key.
            Criteria.where("_id")
                .is(existing.id())
                .and("generation")
                .is(existing.generation())
                .and("attempts.number")
                .ne(firstAttempt)
                .andOperator(condition));
    Update nextGeneration =
        new Update()
            .set("generation", existing.generation() + 1)
            .set("firstAttempt", firstAttempt)
            .set("state", fresh.state())
            .set("reason", null)
            .set("orderId", fresh.orderId())
            .set("recipient", fresh.recipient())
            .set("maskedRecipient", fresh.maskedRecipient())
            .set("content", fresh.content())
            .set("releaseAt", fresh.releaseAt())
            .set("leaseUntil", null)
            .set("createdAt", fresh.createdAt())
            .set("updatedAt", now)
            .set("expiresAt", fresh.expiresAt())
            .unset(NotificationStore.ENDED_AT);
    if (fresh.state() == DispatchState.CLAIMED) {
      nextGeneration
          .set(NotificationStore.RUNNER, token)
          .set(NotificationStore.RUN_LEASE_UNTIL, now.plus(lease));
    } else {
      nextGeneration.unset(NotificationStore.RUNNER).unset(NotificationStore.RUN_LEASE_UNTIL);
    }
    Attempt first = fresh.lastAttempt();
    if (first != null) {
      // Numbers continue from the stored attempts: a fresh key, never one Bizgo saw before.
      nextGeneration.push(
          "attempts", Attempt.requested(existing.id(), firstAttempt, first.channel(), now));
    }
    return mongo.findAndModify(
        expired,
        nextGeneration,
        FindAndModifyOptions.options().returnNew(true),
        NotificationDocument.class);
  }
}

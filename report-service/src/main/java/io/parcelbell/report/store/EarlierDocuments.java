package io.parcelbell.report.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gives documents written before the sweeper's claims and the retention existed the fields they
 * rely on, at start (after the indexes, before readiness; idempotent, a no-op once done): a PENDING
 * attempt without {@code nextInquiryAt} is due now, an unapplied report without {@code retryAt} is
 * due now, an ended notification without {@code endedAt} ends now (its retention starts today
 * rather than never), a phone number without its searchable last four digits gets them.
 */
@Component
public class EarlierDocuments {

  private static final Logger log = LoggerFactory.getLogger(EarlierDocuments.class);

  private static final int PAGE = 100;

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  EarlierDocuments(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  public Mono<Void> backfill() {
    Date now = Date.from(clock.instant());
    Mono<Long> reports =
        mongo
            .updateMulti(
                new Query(where("applied").is(false).and(RawReportStore.RETRY_AT).exists(false)),
                new Update().set(RawReportStore.RETRY_AT, now),
                RawReport.COLLECTION)
            .map(result -> result.getModifiedCount());
    Mono<Long> ended =
        mongo
            .updateMulti(
                new Query(
                    where("state")
                        .in(
                            List.of(
                                NotificationState.SENT.name(),
                                NotificationState.DEAD_LETTER.name(),
                                NotificationState.SUPERSEDED.name()))
                        .and(NotificationStore.ENDED_AT)
                        .exists(false)),
                new Update().set(NotificationStore.ENDED_AT, now),
                NotificationDocument.COLLECTION)
            .map(result -> result.getModifiedCount());
    return Mono.zip(reports, ended, pendingAttempts(now), searchablePhones())
        .doOnNext(
            done -> {
              if (done.getT1() + done.getT2() + done.getT3() + done.getT4() > 0) {
                log.info(
                    "earlier documents brought up to date: {} reports, {} ended notifications, {}"
                        + " pending attempts, {} phones made searchable",
                    done.getT1(),
                    done.getT2(),
                    done.getT3(),
                    done.getT4());
              }
            })
        .then();
  }

  /** Notifications stored before the search by last four digits: page by page, like below. */
  private Mono<Long> searchablePhones() {
    Criteria unsearchable =
        where("recipient").ne(null).and(NotificationStore.RECIPIENT_LAST4).exists(false);
    return Flux.defer(
            () ->
                mongo.find(
                    new Query(unsearchable).limit(PAGE),
                    org.bson.Document.class,
                    NotificationDocument.COLLECTION))
        .concatMap(
            doc ->
                mongo.updateFirst(
                    new Query(
                        where("_id")
                            .is(doc.get("_id"))
                            .and(NotificationStore.RECIPIENT_LAST4)
                            .exists(false)),
                    new Update()
                        .set(
                            NotificationStore.RECIPIENT_LAST4,
                            Recipients.lastFour(doc.getString("recipient"))),
                    NotificationDocument.COLLECTION))
        .filter(result -> result.getModifiedCount() > 0)
        .count()
        .repeat()
        .takeUntil(count -> count == 0)
        .reduce(0L, Long::sum);
  }

  /** Page by page until none is left (or a page changes nothing: no endless loop). */
  private Mono<Long> pendingAttempts(Date now) {
    Criteria undated =
        where("attempts")
            .elemMatch(
                where("state")
                    .is(AttemptState.PENDING.name())
                    .and("msgKey")
                    .ne(null)
                    .and(NotificationStore.NEXT_INQUIRY)
                    .exists(false));
    return Flux.defer(
            () ->
                mongo.find(
                    new Query(undated).limit(PAGE),
                    org.bson.Document.class,
                    NotificationDocument.COLLECTION))
        .flatMapIterable(doc -> undatedAttempts(doc))
        .concatMap(attempt -> date(attempt[0], attempt[1], now))
        .count()
        .repeat()
        .takeUntil(count -> count == 0)
        .reduce(0L, Long::sum);
  }

  private static List<String[]> undatedAttempts(org.bson.Document doc) {
    return doc.getList("attempts", org.bson.Document.class, List.of()).stream()
        .filter(a -> AttemptState.PENDING.name().equals(a.getString("state")))
        .filter(
            a -> a.getString("msgKey") != null && !a.containsKey(NotificationStore.NEXT_INQUIRY))
        .map(a -> new String[] {doc.getString("_id"), a.getString("msgKey")})
        .toList();
  }

  private Mono<Boolean> date(String id, String msgKey, Date now) {
    Query query =
        new Query(
            where("_id")
                .is(id)
                .and("attempts")
                .elemMatch(
                    where("msgKey").is(msgKey).and(NotificationStore.NEXT_INQUIRY).exists(false))
                .and("attempts.msgKey")
                .is(msgKey));
    return mongo
        .updateFirst(
            query,
            new Update().set("attempts.$." + NotificationStore.NEXT_INQUIRY, now),
            NotificationDocument.COLLECTION)
        .filter(result -> result.getModifiedCount() > 0)
        .map(result -> true);
  }
}

package io.parcelbell.report.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which stored reports wait for an attempt that is not known yet, by the attempt's msgKey
 * (collection {@code waiting_reports}, {@code _id} = msgKey): the dispatch that adds the attempt
 * finds them by primary key. Without it the dispatch looked for unapplied reports by msgKey, a
 * query only a secondary index answers, for every dispatch; the MongoDB-wire server, which has no
 * secondary indexes, read every stored report each time (most of the end-to-end benchmark's
 * stand-in CPU). An entry expires with the raw reports' retention, from when it was first written.
 */
@Component
public class WaitingReports {

  public static final String COLLECTION = "waiting_reports";

  /** When the first report began waiting; the retention TTL counts from it. */
  public static final String SINCE = "since";

  private static final String REPORTS = "reports";

  private final ReactiveMongoTemplate mongo;

  WaitingReports(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Notes that the report waits for the attempt {@code msgKey}; noting it twice changes nothing.
   */
  public Mono<Void> remember(String msgKey, String reportId, Instant now) {
    return mongo
        .upsert(
            new Query(where("_id").is(msgKey)),
            new Update().addToSet(REPORTS, reportId).setOnInsert(SINCE, Date.from(now)),
            COLLECTION)
        .then();
  }

  /** The ids of the reports noted as waiting for {@code msgKey}; none when nothing waits. */
  public Mono<List<String>> reportIdsOf(String msgKey) {
    return mongo
        .findById(msgKey, Document.class, COLLECTION)
        .map(doc -> doc.getList(REPORTS, String.class, List.of()))
        .defaultIfEmpty(List.of());
  }

  /**
   * The ids of the reports noted as waiting for any of {@code msgKeys}: one read by primary key for
   * a whole batch of dispatches.
   */
  public Mono<List<String>> reportIdsOfAny(Collection<String> msgKeys) {
    if (msgKeys.isEmpty()) {
      return Mono.just(List.of());
    }
    Query waitingFor = new Query(where("_id").in(msgKeys));
    waitingFor.fields().include(REPORTS);
    return mongo
        .find(waitingFor, Document.class, COLLECTION)
        .concatMapIterable(doc -> doc.getList(REPORTS, String.class, List.of()))
        .collectList();
  }
}

package io.parcelbell.report.counts;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The counts the dashboard reads: one small document per ten-minute slice ({@value #SLICES}) and
 * one that says when they were counted and who is counting now ({@value #COUNTED}).
 */
@Component
public class CountStore {

  public static final String SLICES = "overview_slices";
  public static final String COUNTED = "overview_counted";

  /** The slice's start again, outside {@code _id}: MongoDB's TTL index cannot use {@code _id}. */
  public static final String START = "start";

  /** Slices are read for seven days; one more day before MongoDB's TTL deletes them. */
  public static final Duration KEPT = Duration.ofDays(8);

  private static final String ID = "notifications";

  private final ReactiveMongoTemplate mongo;

  CountStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** What the last finished count saw; empty before the first one finished. */
  public Mono<Counted> counted() {
    return mongo
        .findById(ID, Document.class, COUNTED)
        .filter(doc -> doc.getDate("at") != null)
        .map(CountStore::counted);
  }

  /** Every slice that starts at or after {@code from}. */
  public Flux<CountSlice> slicesFrom(Instant from) {
    return mongo
        .find(new Query(where("_id").gte(id(from))), Document.class, SLICES)
        .map(CountStore::slice);
  }

  /**
   * Takes the turn to count until {@code until}, unless another replica holds it: the previous
   * count, or an empty {@link Counted} the first time; nothing if the turn is taken.
   */
  Mono<Counted> claim(String counter, Instant now, Instant until) {
    Query free =
        new Query(
            where("_id")
                .is(ID)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(Date.from(now))));
    Update take = new Update().set("leaseBy", counter).set("leaseUntil", Date.from(until));
    // Inserted first, on its own: an upsert does not keep a Date _id on every server (the
    // MongoDB-wire server invents an ObjectId).
    return insertUnlessThere(COUNTED, new Document("_id", ID))
        .then(
            mongo.findAndModify(
                free,
                take,
                FindAndModifyOptions.options().returnNew(true),
                Document.class,
                COUNTED))
        .map(CountStore::counted);
  }

  /** Records a finished count and gives the turn back, if it is still this counter's. */
  Mono<Void> finish(String counter, Counted counted) {
    Update update =
        new Update()
            .set("at", Date.from(counted.at()))
            .set("weekAt", date(counted.weekAt()))
            .set("oldestPendingSince", date(counted.oldestPendingSince()))
            .set("lastReportAt", date(counted.lastReportAt()))
            .unset("leaseUntil")
            .unset("leaseBy");
    return mongo
        .updateFirst(new Query(where("_id").is(ID).and("leaseBy").is(counter)), update, COUNTED)
        .then();
  }

  /** Gives the turn back after a failed count, so the next one need not wait for the lease. */
  Mono<Void> release(String counter) {
    return mongo
        .updateFirst(
            new Query(where("_id").is(ID).and("leaseBy").is(counter)),
            new Update().unset("leaseUntil").unset("leaseBy"),
            COUNTED)
        .then();
  }

  /**
   * Replaces a slice's counts with a recount begun at {@code countedAt}, unless a later recount is
   * already there (two counters overlapping after a lease ran out).
   */
  Mono<Void> write(CountSlice slice, Instant countedAt) {
    String id = id(slice.start());
    Criteria older = where("_id").is(id).and("countedAt").lt(Date.from(countedAt));
    List<Document> codes = new ArrayList<>();
    // An array, not a map: a code is the provider's text, and may hold '.' or '$'.
    slice.codes().forEach((code, n) -> codes.add(new Document("code", code).append("n", n)));
    Update update =
        new Update()
            .set("states", new Document(new HashMap<>(slice.states())))
            .set("codes", codes)
            .set("countedAt", Date.from(countedAt))
            .set(START, Date.from(slice.start()));
    Document empty =
        new Document("_id", id)
            .append(START, Date.from(slice.start()))
            .append("countedAt", new Date(0));
    return insertUnlessThere(SLICES, empty)
        .then(mongo.updateFirst(new Query(older), update, SLICES))
        .then();
  }

  /** Inserts {@code doc} unless one with its id is there (two at once: one wins). */
  private Mono<Void> insertUnlessThere(String collection, Document doc) {
    return mongo
        .insert(doc, collection)
        .then()
        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
  }

  private static Counted counted(Document doc) {
    return new Counted(
        instant(doc, "at"),
        instant(doc, "weekAt"),
        instant(doc, "oldestPendingSince"),
        instant(doc, "lastReportAt"));
  }

  private static CountSlice slice(Document doc) {
    Map<String, Long> states = new HashMap<>();
    Document stored = doc.get("states", Document.class);
    if (stored != null) {
      stored.forEach((state, n) -> states.put(state, ((Number) n).longValue()));
    }
    Map<String, Long> codes = new HashMap<>();
    List<?> storedCodes = doc.get("codes", List.class);
    if (storedCodes != null) {
      for (Object entry : storedCodes) {
        Document code = (Document) entry;
        codes.merge(code.getString("code"), code.get("n", Number.class).longValue(), Long::sum);
      }
    }
    return new CountSlice(doc.getDate(START).toInstant(), states, codes);
  }

  /**
   * A slice's id: its start in ISO-8601 (always {@code yyyy-MM-ddTHH:mm:00Z}), so ids sort as the
   * slices do. Not the Date itself: the MongoDB-wire server neither keeps nor compares Date ids.
   */
  private static String id(Instant start) {
    return start.toString();
  }

  private static Instant instant(Document doc, String field) {
    Date date = doc.getDate(field);
    return date == null ? null : date.toInstant();
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}

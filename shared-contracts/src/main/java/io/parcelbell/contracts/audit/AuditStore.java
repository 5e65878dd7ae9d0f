package io.parcelbell.contracts.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit log in MongoDB (collection {@value #COLLECTION}): the records this service made, and,
 * where a service projects {@code parcelbell.audit.v1}, everyone's. Mapped by hand so the stored
 * shape is as deliberate as the published one. Writes are upserts on the audit id that only set on
 * insert, so a record stored twice (its own write and the topic's copy) stays one.
 */
public final class AuditStore {

  public static final String COLLECTION = "audit_log";
  static final String PUBLISHED = "published";

  private final ReactiveMongoTemplate mongo;

  public AuditStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The indexes the page query and the relay need (for the service's index plan). */
  public static List<Index> indexes() {
    return List.of(
        new Index().on("occurredAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC),
        new Index()
            .on("actor.subject", Sort.Direction.ASC)
            .on("occurredAt", Sort.Direction.DESC)
            .on("_id", Sort.Direction.DESC),
        new Index()
            .on("target.type", Sort.Direction.ASC)
            .on("target.id", Sort.Direction.ASC)
            .on("occurredAt", Sort.Direction.DESC)
            .on("_id", Sort.Direction.DESC),
        new Index().on(PUBLISHED, Sort.Direction.ASC).on("occurredAt", Sort.Direction.ASC));
  }

  /** Stores a record unless one with its id exists; {@code published} as given on insert. */
  public Mono<Void> save(AuditRecorded record, boolean published) {
    Update update = new Update();
    toDocument(record).forEach(update::setOnInsert);
    update.setOnInsert(PUBLISHED, published);
    return mongo.upsert(new Query(where("_id").is(record.auditId())), update, COLLECTION).then();
  }

  Mono<Void> markPublished(String auditId) {
    return mongo
        .updateFirst(
            new Query(where("_id").is(auditId)), Update.update(PUBLISHED, true), COLLECTION)
        .then();
  }

  Flux<AuditRecorded> unpublished(Instant before, int limit) {
    Query query =
        new Query(where(PUBLISHED).is(false).and("occurredAt").lt(Date.from(before)))
            .with(Sort.by("occurredAt"))
            .limit(limit);
    return mongo.find(query, Document.class, COLLECTION).map(AuditStore::fromDocument);
  }

  /**
   * Newest first; {@code after} is the last record of the previous page (occurredAt, id), so a
   * record written while someone pages never shifts the pages they have not read yet.
   */
  public Mono<List<AuditRecorded>> page(Filter filter, int limit) {
    List<Criteria> conditions = new ArrayList<>();
    if (filter.actorSubject() != null) {
      conditions.add(where("actor.subject").is(filter.actorSubject()));
    }
    if (filter.targetType() != null) {
      conditions.add(where("target.type").is(filter.targetType()));
    }
    if (filter.targetId() != null) {
      conditions.add(where("target.id").is(filter.targetId()));
    }
    if (filter.action() != null) {
      conditions.add(where("action").is(filter.action()));
    }
    if (filter.afterOccurredAt() != null) {
      Date at = Date.from(filter.afterOccurredAt());
      conditions.add(
          new Criteria()
              .orOperator(
                  where("occurredAt").lt(at),
                  where("occurredAt").is(at).and("_id").lt(filter.afterId())));
    }
    Query query =
        new Query(conditions.isEmpty() ? new Criteria() : new Criteria().andOperator(conditions))
            .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
            .limit(limit);
    return mongo
        .find(query, Document.class, COLLECTION)
        .map(AuditStore::fromDocument)
        .collectList();
  }

  /** What a page may be narrowed to; nulls mean "any". */
  public record Filter(
      String actorSubject,
      String targetType,
      String targetId,
      String action,
      Instant afterOccurredAt,
      String afterId) {}

  static Document toDocument(AuditRecorded r) {
    Document doc = new Document();
    doc.put("occurredAt", Date.from(r.occurredAt()));
    doc.put("service", r.service());
    doc.put("action", r.action());
    doc.put(
        "actor",
        new Document("subject", r.actor().subject())
            .append("name", r.actor().name())
            .append("clientId", r.actor().clientId()));
    doc.put("target", new Document("type", r.target().type()).append("id", r.target().id()));
    doc.put("requestId", r.requestId());
    doc.put("details", new Document(new LinkedHashMap<String, Object>(r.details())));
    return doc;
  }

  static AuditRecorded fromDocument(Document doc) {
    Document actor = doc.get("actor", Document.class);
    Document target = doc.get("target", Document.class);
    Map<String, String> details = new LinkedHashMap<>();
    Document stored = doc.get("details", Document.class);
    if (stored != null) {
      stored.forEach((k, v) -> details.put(k, String.valueOf(v)));
    }
    return new AuditRecorded(
        doc.getString("_id"),
        doc.getDate("occurredAt").toInstant(),
        doc.getString("service"),
        doc.getString("action"),
        new AuditActor(
            actor.getString("subject"), actor.getString("name"), actor.getString("clientId")),
        new AuditTarget(target.getString("type"), target.getString("id")),
        doc.getString("requestId"),
        details);
  }
}

package io.parcelbell.flow.destinations;

import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Destinations in MongoDB. Saving a whole document is optimistic ({@code @Version}): two admins
 * editing at once cannot lose one change silently. State changes made by deliveries (failing since,
 * disabled by failures) are conditional single-field updates.
 */
@Component
public class DestinationStore {

  private final ReactiveMongoTemplate mongo;

  DestinationStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Mono<DestinationDocument> insert(DestinationDocument destination) {
    return mongo.insert(destination);
  }

  public Mono<DestinationDocument> save(DestinationDocument destination) {
    return mongo.save(destination);
  }

  public Mono<Void> delete(DestinationDocument destination) {
    return mongo.remove(destination).then();
  }

  public Mono<DestinationDocument> find(String id) {
    return mongo.findById(id, DestinationDocument.class);
  }

  public Flux<DestinationDocument> all() {
    return mongo.find(
        new Query().with(Sort.by("createdAt", "_id")).limit(1_000), DestinationDocument.class);
  }

  /** Records a failed attempt: failing since {@code at} unless already failing. */
  public Mono<Void> failing(String id, Instant at) {
    return mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(id).and("failingSince").is(null)),
            new Update().set("failingSince", at),
            DestinationDocument.class)
        .then();
  }

  /** Records a delivered attempt: no longer failing. */
  public Mono<Void> healthy(String id) {
    return mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(id).and("failingSince").ne(null)),
            new Update().unset("failingSince"),
            DestinationDocument.class)
        .then();
  }

  /** Disables an enabled destination; emits it only when this call disabled it. */
  public Mono<DestinationDocument> disable(String id, String reason, Instant at) {
    return mongo.findAndModify(
        Query.query(Criteria.where("_id").is(id).and("enabled").is(true)),
        new Update()
            .set("enabled", false)
            .set("disabledReason", reason)
            .set("disabledAt", at)
            .set("updatedAt", at)
            .inc("version", 1),
        FindAndModifyOptions.options().returnNew(true),
        DestinationDocument.class);
  }

  /** Enables a disabled destination, forgetting its failures; emits it when this call did. */
  public Mono<DestinationDocument> enable(String id, Instant at) {
    return mongo.findAndModify(
        Query.query(Criteria.where("_id").is(id).and("enabled").is(false)),
        new Update()
            .set("enabled", true)
            .unset("disabledReason")
            .unset("disabledAt")
            .unset("failingSince")
            .set("updatedAt", at)
            .inc("version", 1),
        FindAndModifyOptions.options().returnNew(true),
        DestinationDocument.class);
  }
}

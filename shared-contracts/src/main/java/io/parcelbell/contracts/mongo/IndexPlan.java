package io.parcelbell.contracts.mongo;

import com.mongodb.MongoCommandException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The indexes a service's queries need, created at start-up and kept until they exist: a failure is
 * logged as an ERROR and tried again (1 s doubling to 1 min, without limit), and {@link #status()}
 * stays not ready until every index is there, so a service whose queries would scan whole
 * collections is never marked ready (its readiness probe includes this status).
 *
 * <p>A TTL index's expiry is configuration: when it changes, the existing index is changed in place
 * ({@code collMod}) instead of failing with IndexOptionsConflict.
 */
public final class IndexPlan {

  private static final Logger log = LoggerFactory.getLogger(IndexPlan.class);

  /** MongoDB's IndexOptionsConflict: same keys and name, other options (a new expiry). */
  private static final int INDEX_OPTIONS_CONFLICT = 85;

  /** One index of one collection; {@code ttl} set for an expiring (TTL) index. */
  public record Spec(String collection, IndexDefinition index, String name, Duration ttl) {

    public static Spec of(String collection, Index index, String name) {
      return new Spec(collection, index.named(name), name, null);
    }

    /**
     * With MongoDB's default name ({@code field_1_other_-1}): the name an index on these keys
     * already has if an earlier version created it unnamed, so creating it again is a no-op rather
     * than an "already exists with a different name" conflict.
     */
    public static Spec of(String collection, Index index) {
      return new Spec(collection, index, index.getIndexKeys().toJson(), null);
    }

    /** Documents expire {@code ttl} after the date in {@code field}; without it, never. */
    public static Spec expiring(String collection, String field, Duration ttl) {
      String name = field + "_ttl";
      return new Spec(
          collection, new Index().on(field, Sort.Direction.ASC).named(name).expire(ttl), name, ttl);
    }
  }

  /** Whether every index exists, and the last failure while they do not. */
  public record Status(boolean ready, String lastError) {}

  private final ReactiveMongoTemplate mongo;
  private final List<Spec> specs;
  private final java.util.function.Supplier<Mono<Void>> backfill;
  private final AtomicReference<Status> status =
      new AtomicReference<>(new Status(false, "not created yet"));

  public IndexPlan(ReactiveMongoTemplate mongo, List<Spec> specs) {
    this(mongo, specs, Mono::empty);
  }

  /**
   * {@code backfill} runs after the indexes, under the same retry and before the plan is ready:
   * idempotent updates that give documents an earlier version wrote the fields today's queries and
   * TTL indexes rely on.
   */
  public IndexPlan(
      ReactiveMongoTemplate mongo,
      List<Spec> specs,
      java.util.function.Supplier<Mono<Void>> backfill) {
    this.mongo = mongo;
    this.specs = List.copyOf(specs);
    this.backfill = backfill;
  }

  public List<Spec> specs() {
    return specs;
  }

  public Status status() {
    return status.get();
  }

  /** Creates every index, retrying without limit; completes once all exist. */
  public Mono<Void> ensure() {
    return ensure(Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  Mono<Void> ensure(Duration firstBackOff, Duration maxBackOff) {
    return Flux.fromIterable(specs)
        .concatMap(this::create)
        .then(Mono.defer(backfill))
        .doOnError(
            e -> {
              String cause = NestedExceptionUtils.getMostSpecificCause(e).toString();
              status.set(new Status(false, cause));
              log.error("MongoDB indexes not created yet (not ready; retrying): {}", cause);
            })
        .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackOff).maxBackoff(maxBackOff))
        .doOnSuccess(
            done -> {
              status.set(new Status(true, null));
              log.info("MongoDB indexes ready: {}", specs.stream().map(Spec::name).toList());
            });
  }

  private Mono<String> create(Spec spec) {
    Mono<String> created = mongo.indexOps(spec.collection()).createIndex(spec.index());
    if (spec.ttl() == null) {
      return created;
    }
    return created.onErrorResume(
        e -> optionsConflict(e),
        conflict -> {
          log.info(
              "changing the expiry of {}.{} to {}", spec.collection(), spec.name(), spec.ttl());
          Document collMod =
              new Document("collMod", spec.collection())
                  .append(
                      "index",
                      new Document("name", spec.name())
                          .append("expireAfterSeconds", spec.ttl().toSeconds()));
          return mongo.executeCommand(collMod).thenReturn(spec.name());
        });
  }

  private static boolean optionsConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MongoCommandException command
          && command.getErrorCode() == INDEX_OPTIONS_CONFLICT) {
        return true;
      }
    }
    return false;
  }
}

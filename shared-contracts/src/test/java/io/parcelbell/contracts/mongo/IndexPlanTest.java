package io.parcelbell.contracts.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import reactor.core.publisher.Mono;

class IndexPlanTest {

  final ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
  final ReactiveIndexOperations indexes = mock(ReactiveIndexOperations.class);

  @Test
  void staysNotReadyWhileAnIndexCannotBeCreatedAndTriesAgainUntilItIs() {
    when(mongo.indexOps("things")).thenReturn(indexes);
    AtomicInteger calls = new AtomicInteger();
    when(indexes.createIndex(any()))
        .thenAnswer(
            call ->
                calls.incrementAndGet() <= 2
                    ? Mono.error(new IllegalStateException("no server"))
                    : Mono.just("by_state"));
    var plan =
        new IndexPlan(
            mongo,
            List.of(IndexPlan.Spec.of("things", new Index().on("state", Sort.Direction.ASC), "s")));
    assertThat(plan.status().ready()).isFalse();

    plan.ensure(Duration.ofMillis(1), Duration.ofMillis(5)).block(Duration.ofSeconds(10));

    assertThat(calls).hasValue(3);
    assertThat(plan.status()).isEqualTo(new IndexPlan.Status(true, null));
  }

  @Test
  void reportsTheFailureWhileItLasts() {
    when(mongo.indexOps("things")).thenReturn(indexes);
    when(indexes.createIndex(any())).thenReturn(Mono.error(new IllegalStateException("denied")));
    var plan =
        new IndexPlan(
            mongo,
            List.of(IndexPlan.Spec.of("things", new Index().on("state", Sort.Direction.ASC), "s")));

    var running = plan.ensure(Duration.ofMillis(1), Duration.ofMillis(5)).subscribe();
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> "java.lang.IllegalStateException: denied".equals(plan.status().lastError()));
      assertThat(plan.status().ready()).isFalse();
    } finally {
      running.dispose();
    }
  }

  @Test
  void aChangedExpiryChangesTheTtlIndexInPlace() {
    when(mongo.indexOps("reports")).thenReturn(indexes);
    var conflict =
        new MongoCommandException(
            new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(85))
                .append("errmsg", new BsonString("IndexOptionsConflict")),
            new ServerAddress());
    when(indexes.createIndex(any())).thenReturn(Mono.error(conflict));
    when(mongo.executeCommand(any(Document.class))).thenReturn(Mono.just(new Document("ok", 1)));
    var plan =
        new IndexPlan(
            mongo, List.of(IndexPlan.Spec.expiring("reports", "receivedAt", Duration.ofDays(30))));

    plan.ensure().block(Duration.ofSeconds(10));

    verify(mongo)
        .executeCommand(
            new Document("collMod", "reports")
                .append(
                    "index",
                    new Document("name", "receivedAt_ttl")
                        .append("expireAfterSeconds", Duration.ofDays(30).toSeconds())));
    assertThat(plan.status().ready()).isTrue();
  }
}

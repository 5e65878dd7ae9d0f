package io.parcelbell.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.support.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The conditional single-document updates the projection relies on, against mongo-java-server (no
 * transactions; a subset of the update language), so we know they work where we test.
 */
class NotificationStoreTest {

  static final Instant NOW = Instant.parse("2026-04-24T01:42:34.546Z");
  static MongoServer server;
  static MongoClient client;
  static NotificationStore store;

  @BeforeAll
  static void start() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create(server.bindAndGetConnectionString());
    store = new NotificationStore(new ReactiveMongoTemplate(client, "store-test"), properties());
  }

  /** pending-timeout 10 minutes; the rest does not matter here. */
  static ReportProperties properties() {
    return new ReportProperties(
        new ReportProperties.Bizgo(
            List.of(),
            List.of(),
            null,
            "http://localhost",
            "key",
            Duration.ofSeconds(4),
            Duration.ofMinutes(5),
            1_000),
        Duration.ofMinutes(10),
        Duration.ofHours(24),
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        256,
        Duration.ofSeconds(10),
        new ReportProperties.Overview(Duration.ofSeconds(10), Duration.ofHours(1)));
  }

  @Test
  void aPendingAttemptIsDueOnePendingTimeoutAfterItsRequestAndClaimedByOneSweeperOnly() {
    store.ensure(seed("due1"), NotificationState.PENDING, null, NOW).block();
    store.addAttempt("due1", pending("mk-due1", true), NOW).block();

    assertThat(store.findDueInquiries(NOW.plus(Duration.ofMinutes(10)), 100).collectList().block())
        .extracting(DueInquiry::msgKey)
        .doesNotContain("mk-due1");
    Instant due = NOW.plus(Duration.ofMinutes(10)).plusMillis(1);
    assertThat(store.findDueInquiries(due, 100).collectList().block())
        .filteredOn(d -> d.msgKey().equals("mk-due1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.notificationId()).isEqualTo("due1");
              assertThat(d.requestedAt()).isEqualTo(NOW);
            });

    List<Boolean> claims =
        reactor.core.publisher.Flux.range(0, 4)
            .flatMap(i -> store.claimInquiry(new DueInquiry("due1", "mk-due1", NOW), due))
            .collectList()
            .block();
    assertThat(claims).containsOnlyOnce(true);
    // Claimed: not due again until one more pending-timeout has passed.
    assertThat(store.findDueInquiries(due.plus(Duration.ofMinutes(9)), 100).collectList().block())
        .extracting(DueInquiry::msgKey)
        .doesNotContain("mk-due1");
    assertThat(store.findDueInquiries(due.plus(Duration.ofMinutes(11)), 100).collectList().block())
        .extracting(DueInquiry::msgKey)
        .contains("mk-due1");
    // Settled: never due again.
    store.settleAttempt("mk-due1", AttemptState.DELIVERED, "10000", "ok", NOW, NOW).block();
    assertThat(store.findDueInquiries(due.plus(Duration.ofDays(1)), 100).collectList().block())
        .extracting(DueInquiry::msgKey)
        .doesNotContain("mk-due1");
  }

  @Test
  void documentsFromAnEarlierVersionGetTheFieldsTheSweeperAndTheRetentionNeed() {
    var template = new ReactiveMongoTemplate(client, "store-test");
    var pendingAttempt =
        new org.bson.Document("key", "mk-old")
            .append("msgKey", "mk-old")
            .append("state", "PENDING")
            .append("requestedAt", java.util.Date.from(NOW));
    template
        .insert(
            new org.bson.Document("_id", "old-pending")
                .append("state", "PENDING")
                .append("attempts", List.of(pendingAttempt)),
            NotificationDocument.COLLECTION)
        .block();
    template
        .insert(
            new org.bson.Document("_id", "old-sent")
                .append("state", "SENT")
                .append("attempts", List.of()),
            NotificationDocument.COLLECTION)
        .block();
    template
        .insert(
            new org.bson.Document("_id", "old-report").append("applied", false),
            RawReport.COLLECTION)
        .block();
    Instant later = NOW.plus(Duration.ofDays(3));
    var earlier =
        new EarlierDocuments(template, java.time.Clock.fixed(later, java.time.ZoneOffset.UTC));

    earlier.backfill().block();
    earlier.backfill().block(); // again: changes nothing, ends

    assertThat(store.findDueInquiries(later.plusMillis(1), 100).collectList().block())
        .extracting(DueInquiry::msgKey)
        .contains("mk-old");
    assertThat(raw(template, NotificationDocument.COLLECTION, "old-sent").getDate("endedAt"))
        .isEqualTo(java.util.Date.from(later));
    assertThat(raw(template, RawReport.COLLECTION, "old-report").getDate("retryAt"))
        .isEqualTo(java.util.Date.from(later));
  }

  private static org.bson.Document raw(
      ReactiveMongoTemplate template, String collection, String id) {
    return template.findById(id, org.bson.Document.class, collection).block();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void ensureCreatesOnceAndNeverOverwritesTheState() {
    var seed = seed("n1");
    store.ensure(seed, NotificationState.HELD, null, NOW).block();
    store
        .moveState("n1", EnumSet.of(NotificationState.HELD), NotificationState.PENDING, null, NOW)
        .block();
    store.ensure(seed, NotificationState.HELD, null, NOW.plusSeconds(1)).block();

    var doc = store.findById("n1").block();
    assertThat(doc.state()).isEqualTo(NotificationState.PENDING);
    assertThat(doc.createdAt()).isEqualTo(NOW);
    assertThat(doc.recipient()).isEqualTo("010-****-5678");
    assertThat(doc.orderId()).isEqualTo("ORD-1");
  }

  @Test
  void anAttemptIsAddedOnceAndSettledOnce() {
    store.ensure(seed("n2"), NotificationState.PENDING, null, NOW).block();
    assertThat(store.addAttempt("n2", pending("mk-a", false), NOW).block()).isNotNull();
    assertThat(store.addAttempt("n2", pending("mk-a", false), NOW).block()).isNull();
    assertThat(store.addAttempt("n2", pending("mk-b", true), NOW).block()).isNotNull();

    var settled = store.settleAttempt("mk-b", AttemptState.FAILED, "64016", "no", NOW, NOW).block();
    assertThat(settled).isNotNull();
    assertThat(settled.attempt("mk-b").orElseThrow().state()).isEqualTo(AttemptState.FAILED);
    assertThat(settled.attempt("mk-a").orElseThrow().state()).isEqualTo(AttemptState.PENDING);
    assertThat(settled.attempt("mk-b").orElseThrow().reportCode()).isEqualTo("64016");

    assertThat(store.settleAttempt("mk-b", AttemptState.DELIVERED, "10000", "ok", NOW, NOW).block())
        .isNull();
    assertThat(
            store
                .settleAttempt("mk-unknown", AttemptState.DELIVERED, "10000", "ok", NOW, NOW)
                .block())
        .isNull();
    var doc = store.findById("n2").block();
    assertThat(doc.attempts()).hasSize(2);
    assertThat(doc.version()).isEqualTo(3);
    assertThat(store.findByMsgKey("mk-a").block().id()).isEqualTo("n2");
  }

  /** The dispatch's one write stores exactly what its two steps stored. */
  @Test
  void ensureWithAttemptCreatesTheDocumentThatEnsureAndAddAttemptCreated() {
    store.ensure(seed("two-steps"), NotificationState.PENDING, null, NOW).block();
    store.addAttempt("two-steps", pending("mk-two", false), NOW).block();
    var oneWrite =
        store.ensureWithAttempt(seed("one-write"), pending("mk-two", false), NOW).block();

    assertThat(oneWrite).isNotNull();
    assertThat(oneWrite.state()).isEqualTo(NotificationState.PENDING);
    assertThat(withoutId(raw("one-write"))).isEqualTo(withoutId(raw("two-steps")));
  }

  @Test
  void ensureWithAttemptOnAnExistingDocumentAddsTheAttemptOnceAndLeavesItsState() {
    store.ensure(seed("held"), NotificationState.HELD, null, NOW).block();

    var first = store.ensureWithAttempt(seed("held"), pending("mk-held", false), NOW).block();
    var again =
        store
            .ensureWithAttempt(seed("held"), pending("mk-held", false), NOW.plusSeconds(1))
            .block();

    assertThat(first.state()).isEqualTo(NotificationState.HELD);
    assertThat(first.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.msgKey()).isEqualTo("mk-held"));
    assertThat(again).as("the attempt was there already").isNull();
    var doc = store.findById("held").block();
    assertThat(doc.attempts()).hasSize(1);
    assertThat(doc.version()).isEqualTo(1);
    assertThat(doc.createdAt()).isEqualTo(NOW);
  }

  private static org.bson.Document raw(String id) {
    return reactor.core.publisher.Mono.from(
            client
                .getDatabase("store-test")
                .getCollection(NotificationDocument.COLLECTION)
                .find(new org.bson.Document("_id", id))
                .first())
        .block();
  }

  private static java.util.Map<String, Object> withoutId(org.bson.Document doc) {
    var fields = new java.util.TreeMap<String, Object>(doc);
    fields.remove("_id");
    return fields;
  }

  @Test
  void aStateMoveHappensOnlyFromTheAllowedStates() {
    store.ensure(seed("n3"), NotificationState.PENDING, null, NOW).block();
    var open = EnumSet.of(NotificationState.HELD, NotificationState.PENDING);
    assertThat(store.moveState("n3", open, NotificationState.SENT, null, NOW).block()).isNotNull();
    assertThat(store.moveState("n3", open, NotificationState.DEAD_LETTER, "x", NOW).block())
        .isNull();
    assertThat(store.findById("n3").block().state()).isEqualTo(NotificationState.SENT);
  }

  private static NotificationSeed seed(String id) {
    return new NotificationSeed(id, "cj", "123", "DELIVERED", "ORD-1", "010-1234-5678");
  }

  private static AttemptDocument pending(String msgKey, boolean finalChannel) {
    return Stored.pendingAttempt(msgKey, finalChannel, NOW);
  }
}

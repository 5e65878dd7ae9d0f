package io.parcelbell.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.parcelbell.localstack.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

  @TempDir Path data;

  @Test
  void keepsDocumentsInItsFileAcrossARestart() {
    Path file = data.resolve("mongo").resolve("parcelbell.mv");
    try (MongoWireServer server = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(server.uri("parcelbell-report"))) {
      notifications(client)
          .insertOne(new Document("_id", "cj:1:DELIVERED").append("state", "SENT"));
    }

    try (MongoWireServer restarted = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(restarted.uri("parcelbell-report"))) {
      Document found = notifications(client).find(new Document("_id", "cj:1:DELIVERED")).first();
      assertThat(found).isNotNull();
      assertThat(found.getString("state")).isEqualTo("SENT");
    }
  }

  /** The benchmarks' server: the same backend, nothing written to a file, nothing kept after. */
  @Test
  void inMemoryItAnswersTheSameAndKeepsNothing() throws java.io.IOException {
    int port = FreePorts.next();
    try (MongoWireServer server = MongoWireServer.inMemory(port);
        MongoClient client = MongoClients.create(server.uri("parcelbell-report"))) {
      notifications(client).createIndex(new Document("state", 1));
      notifications(client)
          .insertOne(new Document("_id", "cj:1:DELIVERED").append("state", "SENT"));
      assertThat(notifications(client).countDocuments(Filters.eq("state", "SENT"))).isOne();
    }
    try (MongoWireServer again = MongoWireServer.inMemory(port);
        MongoClient client = MongoClients.create(again.uri("parcelbell-report"))) {
      assertThat(notifications(client).countDocuments()).isZero();
    }
    try (var files = java.nio.file.Files.list(data)) {
      assertThat(files).isEmpty();
    }
  }

  /**
   * A query naming a uniquely indexed field plus other conditions is answered from the index (see
   * KeyedH2Backend) with the same results as a scan: the other conditions still apply.
   */
  @Test
  void aQueryByAUniqueKeyWithMoreConditionsMatchesLikeAScan() {
    Path file = data.resolve("keyed").resolve("parcelbell.mv");
    try (MongoWireServer server = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(server.uri("parcelbell-notifier"))) {
      MongoCollection<Document> notifications = notifications(client);
      notifications.createIndex(
          new Document("msgKey", 1), new com.mongodb.client.model.IndexOptions().unique(true));
      for (int i = 0; i < 50; i++) {
        notifications.insertOne(
            new Document("_id", "cj:" + i + ":DELIVERED")
                .append("state", i % 2 == 0 ? "CLAIMED" : "DISPATCHED")
                .append("msgKey", "mk-" + i));
      }

      Document claimed = new Document("_id", "cj:4:DELIVERED").append("state", "CLAIMED");
      Document wrongState = new Document("_id", "cj:5:DELIVERED").append("state", "CLAIMED");
      assertThat(notifications.countDocuments(claimed)).isOne();
      assertThat(notifications.countDocuments(wrongState)).isZero();
      assertThat(
              notifications
                  .updateOne(wrongState, new Document("$set", new Document("state", "HELD")))
                  .getModifiedCount())
          .isZero();
      assertThat(
              notifications
                  .updateOne(claimed, new Document("$set", new Document("state", "HELD")))
                  .getModifiedCount())
          .isOne();
      assertThat(
              notifications.countDocuments(
                  new Document(
                          "_id",
                          new Document(
                              "$in", java.util.List.of("cj:4:DELIVERED", "cj:6:DELIVERED")))
                      .append("state", "HELD")))
          .isOne();
      assertThat(
              notifications.countDocuments(
                  new Document("msgKey", "mk-7").append("state", "DISPATCHED")))
          .isOne();
      assertThat(
              notifications.countDocuments(new Document("msgKey", "mk-7").append("state", "HELD")))
          .isZero();
      assertThat(notifications.countDocuments(new Document("state", "CLAIMED"))).isEqualTo(24);
    }
  }

  /**
   * Reads and updates by a list of ids (a bulk's) are answered from the _id index and matched
   * against the rest of the query only, and an update of many by ids is made id by id: the same
   * documents, counts, order and positional updates as before.
   */
  @Test
  void readsAndUpdatesByAListOfIdsMatchLikeAScan() {
    try (MongoWireServer server = MongoWireServer.inMemory(FreePorts.next());
        MongoClient client = MongoClients.create(server.uri("parcelbell-report"))) {
      MongoCollection<Document> docs = notifications(client);
      for (int i = 0; i < 30; i++) {
        docs.insertOne(
            new Document("_id", "d" + i)
                .append("state", i % 2 == 0 ? "A" : "B")
                .append("rank", 30 - i)
                .append("items", List.of(new Document("k", "x").append("v", 0))));
      }
      List<String> ids = List.of("d1", "d2", "d3", "d3", "d28", "missing");

      assertThat(docs.countDocuments(Filters.in("_id", ids))).isEqualTo(4);
      assertThat(idsOf(docs.find(Filters.and(Filters.in("_id", ids), Filters.eq("state", "B")))))
          .containsExactlyInAnyOrder("d1", "d3");
      assertThat(idsOf(docs.find(Filters.in("_id", ids)).sort(Sorts.ascending("rank")).limit(2)))
          .containsExactly("d28", "d3");
      assertThat(idsOf(docs.find(Filters.eq("_id", "d2")))).containsExactly("d2");

      var changed =
          docs.updateMany(
              Filters.and(Filters.in("_id", ids), Filters.eq("state", "B")),
              Updates.set("state", "C"));
      assertThat(changed.getMatchedCount()).isEqualTo(2);
      assertThat(changed.getModifiedCount()).isEqualTo(2);
      assertThat(idsOf(docs.find(Filters.eq("state", "C")))).containsExactlyInAnyOrder("d1", "d3");
      assertThat(docs.find(Filters.eq("_id", "d2")).first().getString("state")).isEqualTo("A");

      var positional =
          docs.updateMany(
              Filters.and(Filters.in("_id", List.of("d2", "d4")), Filters.eq("items.k", "x")),
              Updates.set("items.$.v", 7));
      assertThat(positional.getModifiedCount()).isEqualTo(2);
      assertThat(docs.find(Filters.eq("_id", "d4")).first().getList("items", Document.class).get(0))
          .containsEntry("v", 7);

      var again =
          docs.updateMany(
              Filters.and(Filters.in("_id", ids), Filters.eq("state", "C")),
              Updates.set("state", "C"));
      assertThat(again.getMatchedCount()).isEqualTo(2);
      assertThat(again.getModifiedCount()).isZero();
    }
  }

  private static List<String> idsOf(Iterable<Document> found) {
    List<String> ids = new ArrayList<>();
    found.forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  /**
   * A non-unique index narrows queries on its first field (EqualityIndex) and they answer exactly
   * as a scan of a twin collection without it: after inserts, updates that move documents between
   * states, deletes, and a restart that rebuilds the index from the file.
   */
  @Test
  void aQueryNarrowedByANonUniqueIndexAnswersLikeAScan() {
    Path file = data.resolve("equality").resolve("parcelbell.mv");
    List<Bson> queries =
        List.of(
            Filters.eq("state", "PENDING"),
            Filters.and(Filters.eq("state", "PENDING"), Filters.lte("dueAt", 40)),
            Filters.in("state", "PENDING", "CLAIMED"),
            Filters.and(Filters.in("state", "PENDING", "GONE"), Filters.gt("dueAt", 10)),
            Filters.or(
                Filters.and(Filters.eq("state", "WAITING"), Filters.lte("dueAt", 50)),
                Filters.and(Filters.eq("state", "CLAIMED"), Filters.lt("leaseUntil", 30))),
            Filters.or(Filters.eq("state", "WAITING"), Filters.eq("other", 3)),
            Filters.and(Filters.eq("state", "DONE"), Filters.eq("_id", "d-7")),
            Filters.ne("state", "DONE"),
            Filters.eq("state", 5),
            Filters.eq("state", true),
            Filters.in("state", true, "WAITING"),
            Filters.exists("state", false),
            Filters.eq("state", null),
            Filters.nin("state", List.of("PENDING")));
    try (MongoWireServer server = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(server.uri("parcelbell-flow"))) {
      MongoCollection<Document> indexed = twin(client, "indexed");
      MongoCollection<Document> scanned = twin(client, "scanned");
      indexed.createIndex(new Document("state", 1).append("dueAt", 1));
      String[] states = {"PENDING", "WAITING", "CLAIMED", "DONE"};
      for (int i = 0; i < 120; i++) {
        Document document = new Document("_id", "d-" + i).append("dueAt", i % 60);
        if (i % 17 == 0) {
          document.append("state", List.of("PENDING", "DONE")); // an array: a candidate for all
        } else if (i % 13 == 0) {
          document.append("state", 5);
        } else if (i % 19 == 0) {
          document.append("state", i % 2 == 0);
        } else if (i % 11 != 0) { // else: no state at all
          document.append("state", states[i % 4]);
        }
        document.append("leaseUntil", i % 45).append("other", i % 7);
        indexed.insertOne(document);
        scanned.insertOne(new Document(document));
      }
      assertAnswersAlike(indexed, scanned, queries);

      for (MongoCollection<Document> twin : List.of(indexed, scanned)) {
        twin.updateMany(
            Filters.and(Filters.eq("state", "PENDING"), Filters.lt("dueAt", 30)),
            Updates.set("state", "CLAIMED"));
        twin.updateMany(Filters.eq("state", "WAITING"), Updates.unset("state"));
        twin.updateOne(Filters.eq("_id", "d-34"), Updates.set("state", "PENDING"));
        twin.updateOne(Filters.eq("_id", "d-22"), Updates.set("state", List.of("WAITING")));
        twin.deleteMany(Filters.in("state", "DONE", "CLAIMED"));
      }
      assertAnswersAlike(indexed, scanned, queries);
      assertThat(indexed.countDocuments(Filters.eq("state", "CLAIMED"))).isZero();
    }

    try (MongoWireServer restarted = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(restarted.uri("parcelbell-flow"))) {
      MongoCollection<Document> indexed = twin(client, "indexed");
      MongoCollection<Document> scanned = twin(client, "scanned");
      assertAnswersAlike(indexed, scanned, queries);
      indexed.insertOne(new Document("_id", "d-new").append("state", "PENDING").append("dueAt", 1));
      assertThat(indexed.countDocuments(Filters.eq("state", "PENDING")))
          .isEqualTo(scanned.countDocuments(Filters.eq("state", "PENDING")) + 1);
    }
  }

  private static MongoCollection<Document> twin(MongoClient client, String name) {
    return client.getDatabase("parcelbell-flow").getCollection(name);
  }

  private static void assertAnswersAlike(
      MongoCollection<Document> indexed, MongoCollection<Document> scanned, List<Bson> queries) {
    for (Bson query : queries) {
      assertThat(indexed.find(query).into(new ArrayList<>()))
          .as("%s", query)
          .isEqualTo(scanned.find(query).into(new ArrayList<>()));
      // Ties broken by _id: in which order equal keys come is not defined (as in MongoDB).
      Bson order = Sorts.orderBy(Sorts.descending("dueAt"), Sorts.ascending("_id"));
      assertThat(indexed.find(query).sort(order).skip(2).limit(5).into(new ArrayList<>()))
          .as("%s sorted, skipped, limited", query)
          .isEqualTo(scanned.find(query).sort(order).skip(2).limit(5).into(new ArrayList<>()));
      assertThat(indexed.find(query).sort(order).into(new ArrayList<>()))
          .as("%s sorted", query)
          .isEqualTo(scanned.find(query).sort(order).into(new ArrayList<>()));
    }
  }

  private static MongoCollection<Document> notifications(MongoClient client) {
    return client.getDatabase("parcelbell-report").getCollection("notifications");
  }

  /**
   * Unique-index keys are compared from a memo of their serialized form (MemoizedKeyType), stored
   * and ordered as mongo-java-server's own H2 backend stores them: a data file it wrote opens here
   * with every key found, duplicates still refused.
   */
  @Test
  void aFileTheStockBackendWroteIsReadByItsUniqueIndexes() {
    Path file = data.resolve("parcelbell-stock.mv");
    int port = FreePorts.next();
    var stock = new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString());
    var server = new de.bwaldvogel.mongo.MongoServer(stock);
    server.bind("localhost", port);
    try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
      MongoCollection<Document> runs = client.getDatabase("parcelbell-flow").getCollection("runs");
      runs.createIndex(
          new Document("eventId", 1), new com.mongodb.client.model.IndexOptions().unique(true));
      for (int i = 0; i < 500; i++) {
        runs.insertOne(new Document("_id", "run-" + i).append("eventId", (long) i * 7919 % 1000));
      }
    } finally {
      server.shutdownNow();
      stock.close();
    }

    try (MongoWireServer restarted = MongoWireServer.start(file, FreePorts.next());
        MongoClient client = MongoClients.create(restarted.uri("parcelbell-flow"))) {
      MongoCollection<Document> runs = client.getDatabase("parcelbell-flow").getCollection("runs");
      for (int i = 0; i < 500; i++) {
        assertThat(
                runs.find(new Document("_id", "run-" + i).append("eventId", (long) i * 7919 % 1000))
                    .first())
            .as("run-%d", i)
            .isNotNull();
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> runs.insertOne(new Document("_id", "run-0").append("eventId", -1L)))
          .hasMessageContaining("duplicate key");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> runs.insertOne(new Document("_id", "run-new").append("eventId", 919L)))
          .hasMessageContaining("duplicate key");
      runs.insertOne(new Document("_id", "run-new").append("eventId", 1_000_001L));
      assertThat(runs.countDocuments()).isEqualTo(501);
    }
  }
}

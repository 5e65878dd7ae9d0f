package io.parcelbell.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.parcelbell.localstack.FreePorts;
import java.nio.file.Path;
import org.bson.Document;
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

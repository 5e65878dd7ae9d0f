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
}

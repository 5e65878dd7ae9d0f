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

  private static MongoCollection<Document> notifications(MongoClient client) {
    return client.getDatabase("parcelbell-report").getCollection("notifications");
  }
}

package io.parcelbell.flow.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** One in-JVM mongo-java-server for the whole test run (no transactions, no TTL). */
public class InMemoryMongo
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static MongoServer server;
  private static String connectionString;

  static synchronized String connectionString() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      connectionString = server.bindAndGetConnectionString();
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    }
    return connectionString;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("spring.mongodb.uri=" + connectionString() + "/parcelbell-flow-test")
        .applyTo(context);
  }
}

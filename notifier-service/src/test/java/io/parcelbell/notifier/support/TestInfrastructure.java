package io.parcelbell.notifier.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the in-JVM MongoDB-wire server and the fake Bizgo once per JVM and points the service at
 * them. (mongo-java-server: unique indexes and single-document updates, no TTL, no transactions.)
 */
public class TestInfrastructure
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static MongoServer mongo;
  private static FakeBizgo bizgo;

  public static synchronized FakeBizgo bizgo() {
    if (bizgo == null) {
      bizgo = FakeBizgo.start();
    }
    return bizgo;
  }

  private static synchronized String mongoUri() {
    if (mongo == null) {
      mongo = new MongoServer(new MemoryBackend());
      mongo.bind("127.0.0.1", 0);
    }
    return "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/parcelbell-notifier";
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.mongodb.uri=" + mongoUri(),
            "parcelbell.notifier.bizgo.base-url=" + bizgo().baseUrl())
        .applyTo(context);
  }
}

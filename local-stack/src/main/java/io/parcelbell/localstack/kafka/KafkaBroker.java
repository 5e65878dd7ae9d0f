package io.parcelbell.localstack.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running in this JVM,
 * with its log directory on disk so topics and offsets survive a restart.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final int port;

  private KafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code logDir} on first use, then starts the broker; returns once it serves requests.
   */
  public static KafkaBroker start(Path logDir, int port, int controllerPort) {
    KafkaConfig config = new KafkaConfig(properties(logDir, port, controllerPort));
    formatOnce(logDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    log.info("Kafka broker (KRaft) listening on localhost:{}, data in {}", port, logDir);
    return new KafkaBroker(server, port);
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  static Properties properties(Path logDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("num.partitions", "12"); // as the services create their topics
    p.put("auto.create.topics.enable", "true");
    // A single local consumer group should not wait 3 s for more members before its first
    // rebalance.
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  /** The equivalent of {@code kafka-storage.sh format}, minus its System.exit. */
  private static void formatOnce(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          // No metadata.log.dir is configured, so the metadata log lives in the one log dir.
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .addDirectory(logDir.toAbsolutePath().toString())
          .setIgnoreFormatted(true)
          .run();
      log.info("Formatted Kafka storage in {}", logDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }
}

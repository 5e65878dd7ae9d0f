package io.parcelbell.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Drives signed one-item webhooks at a fixed concurrency, first against a bare WebFlux endpoint
 * (the ceiling of the stack on this machine), then against ingest publishing to a real Kafka
 * broker, and prints throughput and latency for both. Everything runs on localhost and stops by
 * itself.
 *
 * <p>Options ({@code --name=value}): {@code concurrency} (64), {@code warmup} (10s), {@code
 * duration} (20s), {@code ingest-jar} (ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar),
 * {@code logs} (ingest-benchmark/target), {@code ingest-args} (extra arguments for ingest, space
 * separated, e.g. {@code --ingest-args=--logging.level.io.parcelbell=WARN}).
 */
public final class IngestBenchmark {

  private static final String TOPIC = "parcelbell.shipment-status.v1";
  private static final String SECRET = "benchmark-webhook-secret";
  private static final List<String> CHILD_JVM = List.of("-Xms256m", "-Xmx512m");

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
    Duration warmup = DurationStyle.detectAndParse(options.getOrDefault("warmup", "10s"));
    Duration duration = DurationStyle.detectAndParse(options.getOrDefault("duration", "20s"));
    Path ingestJar =
        existing(
            options.get("ingest-jar"),
            "ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar",
            "../ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar");
    Path logs = Path.of(options.getOrDefault("logs", defaultLogs()));
    List<String> ingestArgs =
        options.getOrDefault("ingest-args", "").isBlank()
            ? List.of()
            : List.of(options.get("ingest-args").trim().split("\\s+"));
    Files.createDirectories(logs);
    // Started with java -jar, the class path is this jar; the bare endpoint runs from it too.
    Path selfJar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);

    System.out.printf(
        "parcelbell ingest benchmark: concurrency %d, warm-up %s, measured %s, signed one-item"
            + " webhooks over localhost%s%n",
        concurrency, warmup, duration, ingestArgs.isEmpty() ? "" : ", ingest " + ingestArgs);
    var broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
    broker.afterPropertiesSet();
    try {
      int barePort = freePort();
      int ingestPort = freePort();
      LoadGenerator load = new LoadGenerator(concurrency, SECRET, Clock.systemUTC());
      PhaseResult bare;
      try (var child =
          ChildProcess.start(
              "bare endpoint",
              concat(CHILD_JVM, List.of("-Dloader.main=" + BareEndpoint.class.getName())),
              List.of(
                  "-jar",
                  jarOf(selfJar).toString(),
                  "--server.port=" + barePort,
                  "--logging.level.root=WARN"),
              logs.resolve("bare-endpoint.log"))) {
        child.awaitReady("http://localhost:" + barePort + "/ready", Duration.ofSeconds(90));
        bare = measure(load, "http://localhost:" + barePort, warmup, duration, "bare");
      }
      PhaseResult ingest;
      try (var child =
          ChildProcess.start(
              "ingest",
              CHILD_JVM,
              concat(
                  List.of(
                      "-jar",
                      ingestJar.toString(),
                      "--server.port=" + ingestPort,
                      "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                      "--parcelbell.ingest.webhook-secret=" + SECRET),
                  ingestArgs),
              logs.resolve("ingest.log"))) {
        child.awaitReady(
            "http://localhost:" + ingestPort + "/actuator/health/readiness",
            Duration.ofSeconds(120));
        ingest = measure(load, "http://localhost:" + ingestPort, warmup, duration, "ingest");
      }
      System.out.println(bare.describe("bare"));
      System.out.println(ingest.describe("ingest"));
      System.out.printf(
          "ingest throughput / bare ceiling: %.2f (target >= 0.50; p99 target < 50 ms)%n",
          ingest.requestsPerSecond() / bare.requestsPerSecond());
    } finally {
      broker.destroy();
    }
    System.exit(0); // broker and client threads are non-daemon; the run is over
  }

  private static PhaseResult measure(
      LoadGenerator load, String url, Duration warmup, Duration duration, String name) {
    System.out.printf("%s: warming up for %s ...%n", name, warmup);
    load.run(url, warmup, name + "-warmup");
    System.out.printf("%s: measuring for %s ...%n", name, duration);
    return load.run(url, duration, name);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  private static Path existing(String configured, String... candidates) {
    if (configured != null) {
      return Path.of(configured);
    }
    for (String candidate : candidates) {
      if (Files.isRegularFile(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException(
        "ingest jar not found; build it (./mvnw -q -pl ingest-service package -DskipTests) or pass"
            + " --ingest-jar=...");
  }

  private static String defaultLogs() {
    return Files.isDirectory(Path.of("ingest-benchmark/target"))
        ? "ingest-benchmark/target"
        : "target";
  }

  private static Path jarOf(Path codeSource) {
    if (!codeSource.toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "run the packaged jar: java -jar ingest-benchmark/target/...");
    }
    return codeSource;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

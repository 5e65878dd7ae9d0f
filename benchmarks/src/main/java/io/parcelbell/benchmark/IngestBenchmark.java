package io.parcelbell.benchmark;

import com.sun.management.OperatingSystemMXBean;
import io.parcelbell.localstack.Stack;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Drives signed one-item webhooks at a fixed concurrency against a bare WebFlux endpoint (the
 * ceiling of the stack on this machine) and against ingest publishing to a real Kafka broker, and
 * prints throughput, latency and CPU per request for both. Both servers run as their own JVMs for
 * the whole run; each is warmed up, then measured windows alternate between them. Everything runs
 * on localhost and stops by itself.
 *
 * <p>Options ({@code --name=value}): {@code concurrency} (64), {@code warmup} (120s, per server:
 * the JIT needs about that long on 2 cores), {@code duration} (10s, per measured window), {@code
 * rounds} (5 windows per server), {@code phases} (bare,ingest), {@code ingest-jar}
 * (ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar), {@code logs} (benchmarks/target),
 * {@code ingest-args} (extra arguments for ingest, space separated, e.g. {@code
 * --ingest-args=--logging.level.io.parcelbell=WARN}), {@code ingest-jvm-args} (extra JVM options
 * for ingest, e.g. {@code --ingest-jvm-args=-XX:StartFlightRecording=filename=ingest.jfr}).
 */
public final class IngestBenchmark {

  private static final String TOPIC = "parcelbell.shipment-status.v1";
  private static final String SECRET = "benchmark-webhook-secret";
  private static final List<String> CHILD_JVM = List.of("-Xms256m", "-Xmx512m");
  private static final OperatingSystemMXBean OWN_CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
    Duration warmup = DurationStyle.detectAndParse(options.getOrDefault("warmup", "120s"));
    Duration duration = DurationStyle.detectAndParse(options.getOrDefault("duration", "10s"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    Set<String> names = Set.of(options.getOrDefault("phases", "bare,ingest").split(","));
    Path ingestJar =
        existing(
            options.get("ingest-jar"),
            "ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar",
            "../ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar");
    Path logs = Path.of(options.getOrDefault("logs", defaultLogs()));
    List<String> ingestArgs = words(options.get("ingest-args"));
    List<String> ingestJvmArgs = words(options.get("ingest-jvm-args"));
    Files.createDirectories(logs);
    // Started with java -jar, the class path is this jar; the bare endpoint runs from it too.
    Path selfJar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);

    System.out.printf(
        "parcelbell ingest benchmark: concurrency %d, warm-up %s, %d measured rounds of %s each,"
            + " signed one-item webhooks over localhost%s%n",
        concurrency,
        warmup,
        rounds,
        duration,
        ingestArgs.isEmpty() ? "" : ", ingest " + ingestArgs);
    var broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
    broker.afterPropertiesSet();
    LoadGenerator load = new LoadGenerator(concurrency, SECRET, Clock.systemUTC());
    List<Phase> phases = new ArrayList<>();
    try {
      if (names.contains("bare")) {
        int port = freePort();
        phases.add(
            new Phase(
                "bare",
                "http://localhost:" + port,
                ChildProcess.start(
                    "bare endpoint",
                    concat(CHILD_JVM, List.of("-Dloader.main=" + BareEndpoint.class.getName())),
                    List.of(
                        "-jar",
                        jarOf(selfJar).toString(),
                        "--server.port=" + port,
                        "--logging.level.root=WARN"),
                    logs.resolve("bare-endpoint.log")),
                "/ready",
                concurrency));
      }
      if (names.contains("ingest")) {
        int port = freePort();
        phases.add(
            new Phase(
                "ingest",
                "http://localhost:" + port,
                ChildProcess.start(
                    "ingest",
                    concat(CHILD_JVM, ingestJvmArgs),
                    concat(
                        List.of(
                            "-jar",
                            ingestJar.toString(),
                            "--server.port=" + port,
                            Stack.LOCAL_PROFILE,
                            "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                            "--parcelbell.ingest.webhook-secret=" + SECRET),
                        ingestArgs),
                    logs.resolve("ingest.log")),
                "/actuator/health/readiness",
                concurrency));
      }
      for (Phase phase : phases) {
        phase.server().awaitReady(phase.url() + phase.readyPath(), Duration.ofSeconds(120));
      }
      // Both JVMs are up and stay up: each is warmed up, then measured windows alternate, so a
      // drift of the machine's speed during the run affects both alike.
      for (Phase phase : phases) {
        System.out.printf("%s: warming up for %s ...%n", phase.name(), warmup);
        load.run(phase.url(), warmup, phase.name() + "-warmup", new Recorder(concurrency));
      }
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        List<Double> throughputs = new ArrayList<>();
        for (Phase phase : phases) {
          System.out.printf(
              "%s: measuring round %d/%d for %s ... ", phase.name(), round, rounds, duration);
          double throughput = measureWindow(load, phase, duration, round);
          System.out.printf("%.0f req/s%n", throughput);
          throughputs.add(throughput);
        }
        if (throughputs.size() == 2) {
          ratios.add(throughputs.get(1) / throughputs.get(0));
        }
      }
      System.out.println();
      for (Phase phase : phases) {
        System.out.println(phase.recorder().result().describe(phase.name()));
      }
      for (Phase phase : phases) {
        System.out.println(phase.recorder().result().describeCpu(phase.name()));
      }
      if (phases.size() == 2) {
        double overall =
            phases.get(1).recorder().result().requestsPerSecond()
                / phases.get(0).recorder().result().requestsPerSecond();
        System.out.printf(
            "ingest throughput / bare ceiling: %.2f (per round: %s; target >= 0.50, p99 target"
                + " < 50 ms)%n",
            overall,
            ratios.stream().map(r -> "%.2f".formatted(r)).collect(Collectors.joining(", ")));
      }
    } finally {
      for (Phase phase : phases) {
        phase.server().close();
      }
      broker.destroy();
    }
    System.exit(0); // broker and client threads are non-daemon; the run is over
  }

  /** A server under test, its load target and everything measured against it. */
  private record Phase(
      String name, String url, ChildProcess server, String readyPath, Recorder recorder) {
    Phase(String name, String url, ChildProcess server, String readyPath, int concurrency) {
      this(name, url, server, readyPath, new Recorder(concurrency));
    }
  }

  /** One measured window against one phase; returns its requests per second. */
  private static double measureWindow(
      LoadGenerator load, Phase phase, Duration duration, int round) {
    long requestsBefore = phase.recorder().requests();
    long serverBefore = phase.server().cpuTime().toNanos();
    long driverBefore = OWN_CPU.getProcessCpuTime();
    long elapsed = load.run(phase.url(), duration, phase.name() + "-" + round, phase.recorder());
    phase
        .recorder()
        .addWindow(
            elapsed,
            phase.server().cpuTime().toNanos() - serverBefore,
            OWN_CPU.getProcessCpuTime() - driverBefore);
    return (phase.recorder().requests() - requestsBefore) / (elapsed / 1e9);
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

  private static List<String> words(String option) {
    return option == null || option.isBlank() ? List.of() : List.of(option.trim().split("\\s+"));
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
    return Files.isDirectory(Path.of("benchmarks/target")) ? "benchmarks/target" : "target";
  }

  private static Path jarOf(Path codeSource) {
    if (!codeSource.toString().endsWith(".jar")) {
      throw new IllegalStateException("run the packaged jar: java -jar benchmarks/target/...");
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

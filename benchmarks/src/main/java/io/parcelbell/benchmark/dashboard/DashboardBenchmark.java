package io.parcelbell.benchmark.dashboard;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parcelbell.benchmark.LocalStackPorts;
import io.parcelbell.benchmark.endtoend.Services;
import io.parcelbell.localstack.Poll;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.kafka.KafkaBroker;
import io.parcelbell.localstack.mongo.MongoWireServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's dashboard waits for: report-service's {@code GET /api/notifications/overview}
 * over a history of {@code notifications} (100,000) documents seeded straight into its MongoDB
 * ({@link HistorySeed}) before it starts. report-service runs alone as a JVM, as the local stack
 * runs it, with a real broker and mongo-java-server in this JVM ({@code mongo}: {@code memory}, the
 * default, or {@code h2}, the local stack's file); {@code warmup} (20) calls, then {@code calls}
 * (50) one after another, each timed by the client and by the server's own {@code
 * http.server.requests} ({@link OverviewCalls}). Prints the figures against the 300 ms target;
 * asserts nothing.
 */
public final class DashboardBenchmark {

  static final double TARGET_MS = 300;

  private static final List<String> SERVICES = List.of("auth-server", "report-service");

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LocalStackPorts.options(args);
    int notifications = Integer.parseInt(o.getOrDefault("notifications", "100000"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
    int calls = Integer.parseInt(o.getOrDefault("calls", "50"));
    String backend = o.getOrDefault("mongo", "memory");
    long seed = Long.parseLong(o.getOrDefault("seed", "42"));
    Duration readiness =
        Duration.parse("PT" + o.getOrDefault("readiness-timeout", "15m").toUpperCase());
    Path repo = Path.of(o.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
    Path logs = Path.of(o.getOrDefault("logs", "benchmarks/target/dashboard")).toAbsolutePath();
    List<String> serviceJvm =
        o.containsKey("service-jvm-args")
            ? List.of(o.get("service-jvm-args").trim().split("\\s+"))
            : List.of();
    Files.createDirectories(logs);
    Path data = Files.createTempDirectory("parcelbell-dashboard-benchmark");
    // Counting as in production (every 10 s), not as ./run-local does on its H2 file (every
    // minute).
    StackOptions stack =
        LocalStackPorts.onFreePorts(copyJars(repo, data, SERVICES), data)
            .withExtraServiceArgs(
                Map.of(
                    "report-service", List.of("--parcelbell.report.overview.count-interval=10s")));
    var print = new DashboardPrinter(notifications);
    print.profile(
        backend, serviceJvm, stack.repoDir().resolve(Path.of("report-service", "target")));
    try (KafkaBroker kafka =
            KafkaBroker.start(
                data.resolve("kafka"), stack.kafkaPort(), stack.kafkaControllerPort());
        AutoCloseable mongo = mongo(backend, data, stack.mongoPort());
        Services services = new Services(stack, logs, serviceJvm)) {
      print.seeded(
          HistorySeed.write(
              stack.mongoUri("parcelbell-report"), notifications, seed, Instant.now()));
      long start = System.nanoTime();
      services.startOnly(SERVICES, readiness);
      print.ready(System.nanoTime() - start);
      var overview = new OverviewCalls(services.url("report-service"), services::viewerBearer);
      // report-service counts the seeded week once before the overview can answer (503 until then).
      long counting = System.nanoTime();
      Optional<OverviewCalls.Call> first =
          Poll.until(
              () -> {
                OverviewCalls.Call call = overview.call();
                return call.status() == 200 ? Optional.of(call) : Optional.empty();
              },
              Duration.ofSeconds(1),
              readiness);
      print.firstCount(System.nanoTime() - counting, first.isPresent());
      List<OverviewCalls.Call> warm = run(overview, warmup);
      print.warmedUp(warm, overview.lastBody());
      print.measured(run(overview, calls));
      // What keeping the figures costs between whole-week counts: two counts of the changed
      // slices (none changed here: the seeded history stands still), within a minute.
      print.counting(
          Poll.until(
                  () -> {
                    OverviewCalls.Counting so = overview.countingSoFar();
                    return so.changed() >= 2 ? Optional.of(so) : Optional.empty();
                  },
                  Duration.ofSeconds(1),
                  Duration.ofMinutes(1))
              .orElse(overview.countingSoFar()));
    } finally {
      deleteQuietly(data);
    }
  }

  private static List<OverviewCalls.Call> run(OverviewCalls overview, int n) throws Exception {
    List<OverviewCalls.Call> done = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      done.add(overview.call());
    }
    return done;
  }

  /**
   * mongo-java-server's in-memory backend, or the local stack's MongoDB-wire server (an H2 MVStore
   * file, as {@code ./run-local} runs it): both ignore non-unique indexes. With 100,000 documents
   * H2 reads its pages back from the file on every scan, which measures H2 rather than the service.
   */
  private static AutoCloseable mongo(String backend, Path data, int port) {
    return switch (backend) {
      case "h2" -> MongoWireServer.start(data.resolve("mongo").resolve("parcelbell.mv"), port);
      case "memory" -> {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("localhost", port);
        yield server::shutdownNow;
      }
      default -> throw new IllegalArgumentException("--mongo is h2 or memory, not " + backend);
    };
  }

  /**
   * The services' jars as they are now, copied where the stack looks for them ({@code
   * <name>/target/}): a rebuild while the benchmark runs neither breaks nor changes what it
   * measures.
   */
  private static Path copyJars(Path repo, Path data, List<String> names) throws IOException {
    String version = LocalStackPorts.onFreePorts(repo, data).version();
    Path copies = data.resolve("jars");
    for (String name : names) {
      Path jar = Path.of(name, "target", name + "-" + version + ".jar");
      Files.createDirectories(copies.resolve(jar).getParent());
      Files.copy(repo.resolve(jar), copies.resolve(jar), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return copies;
  }

  /** The seeded history is a few hundred MB on disk: not left behind in the temp folder. */
  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}

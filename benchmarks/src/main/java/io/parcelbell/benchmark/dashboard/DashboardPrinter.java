package io.parcelbell.benchmark.dashboard;

import io.parcelbell.benchmark.endtoend.Services;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard benchmark's figures, with the machine and the MongoDB they were measured on. */
final class DashboardPrinter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int notifications;
  private HistorySeed.Seeded seeded;

  DashboardPrinter(int notifications) {
    this.notifications = notifications;
  }

  void profile(String backend, List<String> serviceJvm, Path reportTarget) throws IOException {
    System.out.printf(
        "parcelbell dashboard benchmark: %d cores (%s), Java %s, report-service as a JVM %s%s%n",
        Runtime.getRuntime().availableProcessors(),
        cpu(),
        System.getProperty("java.version"),
        Services.JVM,
        serviceJvm.isEmpty() ? "" : " " + serviceJvm);
    System.out.printf(
        "MongoDB: mongo-java-server, %s. It ignores non-unique indexes, so every count and"
            + " aggregation scans its whole collection: an upper bound for a real MongoDB.%n",
        backend.equals("h2")
            ? "H2 MVStore file (the local stack's MongoDB-wire server)"
            : "in-memory backend");
    try (var jars = Files.list(reportTarget)) {
      jars.filter(jar -> jar.toString().endsWith(".jar"))
          .forEach(jar -> System.out.printf("measured: %s, built %s%n", jar, modified(jar)));
    }
    System.out.println("load average before: " + loadAverage());
  }

  /** What else ran on the machine meanwhile: the cores are shared with it. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toString();
    } catch (IOException e) {
      return "at an unknown time";
    }
  }

  void seeded(HistorySeed.Seeded seeded) {
    this.seeded = seeded;
    System.out.printf(
        "seeded: %d notifications %s and %d stored Bizgo reports in %.1f s (insertMany,"
            + " unordered, batches of %d: %.0f documents/s)%n",
        seeded.notifications(),
        seeded.byState(),
        seeded.reports(),
        seeded.took().toNanos() / 1e9,
        HistorySeed.BATCH,
        seeded.documentsPerSecond());
  }

  void ready(long nanos) {
    System.out.printf(
        "report-service (and auth-server) ready %.1f s after start: index creation and the"
            + " start-up backfill over the seeded history included%n",
        nanos / 1e9);
  }

  /** The answer as the dashboard gets it, against what was seeded (the window moved meanwhile). */
  void firstCount(long nanos, boolean answered) {
    System.out.printf(
        "first count of the seeded week: the overview answered 200 %.1f s after the service was"
            + " ready%s%n",
        nanos / 1e9, answered ? "" : " (NOT within the readiness timeout)");
  }

  void warmedUp(List<OverviewCalls.Call> warm, String body) {
    if (!warm.isEmpty()) {
      System.out.printf(
          "warm-up: %d calls (not measured), the first %.0f ms, the last %.0f ms%n",
          warm.size(), warm.get(0).clientMs(), warm.get(warm.size() - 1).clientMs());
    }
    if (body == null) {
      return;
    }
    JsonNode overview = JSON.readTree(body);
    if (!overview.has("last7Days")) {
      System.out.println("overview answered: " + body);
      return;
    }
    System.out.printf(
        "overview says: last 7 days %s (seeded %s), last 24 hours total %s (seeded %s);"
            + " oldest PENDING since %s, last report at %s, top failure codes %s%n",
        overview.path("last7Days").path("counts"),
        seeded.last7Days(),
        overview.path("last24Hours").path("total"),
        seeded.last24Hours().values().stream().mapToInt(Integer::intValue).sum(),
        overview.path("oldestPendingSince").asString(""),
        overview.path("lastReportAt").asString(""),
        overview.path("topFailureCodes"));
  }

  void measured(List<OverviewCalls.Call> calls) {
    long failed = calls.stream().filter(c -> c.status() != 200).count();
    System.out.printf(
        "dashboard: %d calls of GET %s one after another, %d not 200, %d notifications in the"
            + " history%n",
        calls.size(), OverviewCalls.PATH, failed, notifications);
    double[] client = sorted(calls, OverviewCalls.Call::clientMs);
    double[] server =
        Arrays.stream(sorted(calls, OverviewCalls.Call::serverMs))
            .filter(v -> !Double.isNaN(v))
            .toArray();
    line("client (whole HTTP exchange)", client);
    if (server.length > 0) {
      line("server (http.server.requests)", server);
    }
    if (server.length < calls.size()) {
      System.out.printf(
          "  server time of %d calls not found in report-service's /actuator/prometheus%n",
          calls.size() - server.length);
    }
    System.out.printf(
        "  MongoDB per call (median): %.0f commands, %.0f ms summed over them (up to six run at"
            + " once)%n",
        p(sorted(calls, c -> c.mongoCommands()), 0.5),
        p(sorted(calls, OverviewCalls.Call::mongoMs), 0.5));
    double[] age =
        Arrays.stream(sorted(calls, OverviewCalls.Call::ageMs))
            .filter(v -> !Double.isNaN(v))
            .toArray();
    if (age.length > 0) {
      System.out.printf(
          "  figures' age when they arrived (now minus the count's time): p50 %.1f s, max %.1f s%n",
          p(age, 0.5) / 1e3, p(age, 1.0) / 1e3);
    }
    String side = server.length > 0 ? "server" : "client";
    double[] judged = server.length > 0 ? server : client;
    System.out.println("  load average after: " + loadAverage());
    double p95 = p(judged, 0.95);
    boolean met = p95 < DashboardBenchmark.TARGET_MS;
    System.out.printf(
        "target: < %.0f ms server time at %d notifications; %s time p50 %.1f ms, p95 %.1f ms,"
            + " max %.1f ms -> %s at p95%s%n",
        DashboardBenchmark.TARGET_MS,
        notifications,
        side,
        p(judged, 0.5),
        p95,
        p(judged, 1.0),
        met ? "MET" : "MISSED",
        met ? "" : " (%.1fx the target)".formatted(p95 / DashboardBenchmark.TARGET_MS));
  }

  /** What keeping the figures cost report-service since it started (its scheduled counts). */
  void counting(OverviewCalls.Counting counting) {
    System.out.printf(
        "report-service's counting since it started: %d counts of the changed slices (mean %.1f"
            + " ms), %d of the whole week (mean %.1f ms)%n",
        counting.changed(),
        counting.changed() == 0 ? 0 : counting.changedSeconds() * 1e3 / counting.changed(),
        counting.week(),
        counting.week() == 0 ? 0 : counting.weekSeconds() * 1e3 / counting.week());
  }

  private static void line(String what, double[] ms) {
    System.out.printf(
        "  %-31s p50 %8.1f ms  p95 %8.1f ms  p99 %8.1f ms  max %8.1f ms  mean %8.1f ms%n",
        what,
        p(ms, 0.50),
        p(ms, 0.95),
        p(ms, 0.99),
        p(ms, 1.0),
        Arrays.stream(ms).average().orElse(0));
  }

  private static double[] sorted(
      List<OverviewCalls.Call> calls, ToDoubleFunction<OverviewCalls.Call> value) {
    return calls.stream().mapToDouble(value).sorted().toArray();
  }

  /** Nearest rank: the smallest value with at least {@code q} of them at or below it. */
  private static double p(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static String cpu() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("CPU unknown");
    } catch (IOException | RuntimeException e) {
      return "CPU unknown";
    }
  }
}

package io.parcelbell.benchmark.endtoend;

import io.parcelbell.benchmark.ChildProcess;
import io.parcelbell.localstack.Stack;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.services.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three services as separate JVMs with production-like JVM settings (C2, the default GC),
 * configured as the local stack configures them plus the benchmark's extra arguments. Reads each
 * one's CPU time (from the OS) and MongoDB command count (from its Prometheus endpoint).
 */
public final class Services implements AutoCloseable {

  public static final List<String> JVM = List.of("-Xms256m", "-Xmx768m");

  private static final Duration READINESS = Duration.ofMinutes(3);

  private final StackOptions options;
  private final Path logs;
  private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
  private final Map<String, ChildProcess> running = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> jvm;

  public Services(StackOptions options, Path logs, List<String> extraJvm) {
    this.options = options;
    this.jvm = java.util.stream.Stream.concat(JVM.stream(), extraJvm.stream()).toList();
    this.logs = logs;
    for (ServiceSpec spec : Stack.services(options)) {
      specs.put(spec.name(), spec);
    }
  }

  /**
   * The notification path: every service but flow-service, which would consume the same topics (and
   * write each parcel's facts) without being part of what this benchmark measures; it gets its own.
   */
  void startAll() throws IOException, InterruptedException {
    startOnly(specs.keySet().stream().filter(name -> !name.equals("flow-service")).toList());
  }

  /** Starts these services only (e.g. report-service for its own benchmark), then waits. */
  public void startOnly(java.util.Collection<String> names)
      throws IOException, InterruptedException {
    startOnly(names, READINESS);
  }

  /** The same, waiting up to {@code readiness} for each (a large history delays it). */
  public void startOnly(java.util.Collection<String> names, Duration readiness)
      throws IOException, InterruptedException {
    for (String name : names) {
      start(name, List.of());
    }
    for (String name : names) {
      awaitReady(name, readiness);
    }
  }

  /** Stops the service and starts it again with {@code extra} arguments. */
  void restart(String name, List<String> extra) throws Exception {
    running.remove(name).close();
    start(name, extra);
    awaitReady(name, READINESS);
  }

  private void start(String name, List<String> extra) throws IOException {
    ServiceSpec spec = specs.get(name);
    List<String> args = new ArrayList<>();
    args.add("-jar");
    args.add(spec.jar().toString());
    args.addAll(spec.args());
    args.addAll(extra);
    running.put(
        name,
        ChildProcess.start(name, jvm, args, logs.resolve(name + "-" + System.nanoTime() + ".log")));
  }

  private void awaitReady(String name, Duration timeout) throws InterruptedException {
    running.get(name).awaitReady(url(name) + specs.get(name).readinessPath(), timeout);
  }

  /** A VIEWER token from the stack's auth-server, for the history API. */
  public String viewerBearer() {
    return io.parcelbell.localstack.auth.LocalTokens.viewerBearer(options);
  }

  public String url(String name) {
    return "http://localhost:" + specs.get(name).port();
  }

  public Map<String, Usage> usage() {
    Map<String, Usage> usage = new LinkedHashMap<>();
    running.forEach(
        (name, process) -> {
          Map<String, Long> byKind = mongoCommands(name);
          long all = byKind.values().stream().mapToLong(Long::longValue).sum();
          usage.put(name, new Usage(process.cpuTime(), all, byKind));
        });
    // This JVM: the broker, the MongoDB-wire server, the provider stand-in and the load.
    usage.put(
        "infrastructure",
        new Usage(
            ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), 0, Map.of()));
    return usage;
  }

  private static final Pattern COMMAND = Pattern.compile("command=\"([^\"]*)\"");
  private static final Pattern COLLECTION = Pattern.compile("collection=\"([^\"]*)\"");

  /**
   * mongodb_driver_commands_seconds_count by "collection command" (e.g. "runs findAndModify"),
   * empty without MongoDB.
   */
  private Map<String, Long> mongoCommands(String name) {
    Map<String, Long> byKind = new TreeMap<>();
    try {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(url(name) + "/actuator/prometheus"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : metrics.split("\n")) {
        if (line.startsWith("mongodb_driver_commands_seconds_count")) {
          long count = Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
          byKind.merge(tag(COLLECTION, line) + " " + tag(COMMAND, line), count, Long::sum);
        }
      }
      return byKind;
    } catch (IOException e) {
      return byKind;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return byKind;
    }
  }

  private static String tag(Pattern tag, String line) {
    Matcher m = tag.matcher(line);
    return m.find() ? m.group(1) : "-";
  }

  @Override
  public void close() throws Exception {
    for (ChildProcess process : running.values()) {
      process.close();
    }
  }

  /** CPU time used and MongoDB commands sent so far, in all and by collection and command. */
  public record Usage(Duration cpu, long mongoCommands, Map<String, Long> mongoByKind) {

    /** Commands of each kind since {@code before}, per {@code n}, the most first. */
    public String perItemSince(Usage before, int n) {
      StringBuilder out = new StringBuilder();
      mongoByKind.entrySet().stream()
          .map(
              e ->
                  Map.entry(
                      e.getKey(), e.getValue() - before.mongoByKind.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  out.append(
                      String.format(
                          java.util.Locale.ROOT,
                          "%s%s %.2f",
                          out.isEmpty() ? "" : ", ",
                          e.getKey(),
                          e.getValue() / (double) n)));
      return out.toString();
    }
  }
}

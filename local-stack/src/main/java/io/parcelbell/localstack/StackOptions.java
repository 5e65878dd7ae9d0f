package io.parcelbell.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where the local stack listens and keeps its data. Every port is an option so a test can run a
 * second stack on free ports next to a developer's running one. {@code extraServiceArgs} (service
 * name → extra command-line arguments, appended last so they win) is for tests that need a service
 * configured differently, e.g. report-service with second-long sweep timeouts; the command line
 * always leaves it empty.
 */
public record StackOptions(
    Path repoDir,
    Path dataDir,
    String version,
    int kafkaPort,
    int kafkaControllerPort,
    int mongoPort,
    int sandboxPort,
    int ingestPort,
    int notifierPort,
    int reportPort,
    int flowPort,
    int consolePort,
    int authPort,
    Duration readinessTimeout,
    boolean echoServiceOutput,
    String webhookSecret,
    String demoPhone,
    Map<String, List<String>> extraServiceArgs) {

  private static final Set<String> KEYS =
      Set.of(
          "repo-dir",
          "data-dir",
          "kafka-port",
          "kafka-controller-port",
          "mongo-port",
          "sandbox-port",
          "ingest-port",
          "notifier-port",
          "report-port",
          "flow-port",
          "console-port",
          "auth-port",
          "readiness-timeout",
          "echo-service-output",
          "webhook-secret");

  public StackOptions {
    Objects.requireNonNull(repoDir, "repoDir");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(readinessTimeout, "readinessTimeout");
    requireText(version, "version");
    requireText(webhookSecret, "webhookSecret");
    requireText(demoPhone, "demoPhone");
    extraServiceArgs =
        extraServiceArgs == null
            ? Map.of()
            : extraServiceArgs.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    for (int port :
        new int[] {
          kafkaPort,
          kafkaControllerPort,
          mongoPort,
          sandboxPort,
          ingestPort,
          notifierPort,
          reportPort,
          flowPort,
          consolePort,
          authPort
        }) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  /** Parses {@code --key=value} options; anything not given takes the shared local default. */
  public static StackOptions parse(List<String> args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
      if (key == null || !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      given.put(key, arg.substring(eq + 1));
    }
    Properties build = buildProperties();
    Path repo = Path.of(given.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
    Path data =
        given.containsKey("data-dir")
            ? Path.of(given.get("data-dir")).toAbsolutePath().normalize()
            : repo.resolve(".local-data");
    return new StackOptions(
        repo,
        data,
        build.getProperty("version"),
        port(given, "kafka-port", 9092),
        port(given, "kafka-controller-port", 9093),
        port(given, "mongo-port", 27017),
        port(given, "sandbox-port", 8090),
        port(given, "ingest-port", 8081),
        port(given, "notifier-port", 8082),
        port(given, "report-port", 8083),
        port(given, "flow-port", 8084),
        port(given, "console-port", 8085),
        port(given, "auth-port", 9000),
        Duration.parse(given.getOrDefault("readiness-timeout", "PT3M")),
        Boolean.parseBoolean(given.getOrDefault("echo-service-output", "false")),
        given.getOrDefault("webhook-secret", build.getProperty("webhook.secret")),
        build.getProperty("demo.phone"),
        Map.of());
  }

  /** These options with {@code extra} arguments for the named services. */
  public StackOptions withExtraServiceArgs(Map<String, List<String>> extra) {
    return new StackOptions(
        repoDir,
        dataDir,
        version,
        kafkaPort,
        kafkaControllerPort,
        mongoPort,
        sandboxPort,
        ingestPort,
        notifierPort,
        reportPort,
        flowPort,
        consolePort,
        authPort,
        readinessTimeout,
        echoServiceOutput,
        webhookSecret,
        demoPhone,
        extra);
  }

  /** The extra arguments for one service (none unless a test set some). */
  public List<String> extraArgsOf(String service) {
    return extraServiceArgs.getOrDefault(service, List.of());
  }

  public String kafkaBootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  public String mongoUri(String database) {
    return "mongodb://localhost:" + mongoPort + "/" + database;
  }

  public String sandboxUrl() {
    return "http://localhost:" + sandboxPort;
  }

  public String ingestUrl() {
    return "http://localhost:" + ingestPort;
  }

  public String notifierUrl() {
    return "http://localhost:" + notifierPort;
  }

  public String reportUrl() {
    return "http://localhost:" + reportPort;
  }

  public String flowUrl() {
    return "http://localhost:" + flowPort;
  }

  /** The operators' console (sign in there through the local provider). */
  public String consoleUrl() {
    return "http://localhost:" + consolePort;
  }

  /** Where the sandbox's webhook receiver takes flow deliveries for {@code name}. */
  public String receiverUrl(String name) {
    return sandboxUrl() + "/receiver/" + name;
  }

  /** The local OpenID Connect provider, also the issuer of its tokens. */
  public String authUrl() {
    return "http://localhost:" + authPort;
  }

  private static int port(Map<String, String> given, String key, int fallback) {
    return given.containsKey(key) ? Integer.parseInt(given.get(key)) : fallback;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static Properties buildProperties() {
    Properties properties = new Properties();
    try (InputStream in = StackOptions.class.getResourceAsStream("/local-stack.properties")) {
      if (in == null) {
        throw new IllegalStateException("local-stack.properties missing from the classpath");
      }
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

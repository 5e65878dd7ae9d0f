package io.parcelbell.localstack.sandbox;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code local-stack.jar sandbox [options]}: only the Bizgo sandbox, for a container next to the
 * Compose services (or on the host, reached as host.docker.internal). It binds to every interface
 * by default because in a container localhost is unreachable from the other services.
 */
public final class SandboxCommand {

  public static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar local-stack.jar sandbox [--option=value ...]",
          "  runs only the Bizgo sandbox until Ctrl-C/SIGTERM",
          "options (defaults): --sandbox-port=8090 --bind-address=0.0.0.0",
          "  --report-url=http://localhost:8083/webhook/bizgo/report",
          "  --sandbox-api-key=" + SandboxConfig.DEFAULT_API_KEY);

  static final String DEFAULT_REPORT_URL = "http://localhost:8083/webhook/bizgo/report";

  private static final Set<String> KEYS =
      Set.of("sandbox-port", "bind-address", "report-url", "sandbox-api-key");

  private SandboxCommand() {}

  /** Parses {@code --key=value} options; unknown or malformed ones are rejected. */
  public static SandboxConfig parse(List<String> args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
      if (key == null || !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      given.put(key, arg.substring(eq + 1));
    }
    URI reportUrl = URI.create(given.getOrDefault("report-url", DEFAULT_REPORT_URL));
    if (!"http".equals(reportUrl.getScheme()) && !"https".equals(reportUrl.getScheme())) {
      throw new IllegalArgumentException("--report-url must be an http(s) URL: " + reportUrl);
    }
    int port;
    try {
      port = Integer.parseInt(given.getOrDefault("sandbox-port", "8090"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sandbox-port must be a number", e);
    }
    SandboxConfig local = SandboxConfig.defaults(port, reportUrl);
    return new SandboxConfig(
        port,
        given.getOrDefault("sandbox-api-key", SandboxConfig.DEFAULT_API_KEY),
        reportUrl,
        local.reportDelay(),
        local.reportRetries(),
        local.retryBackoff(),
        given.getOrDefault("bind-address", "0.0.0.0"));
  }

  /** Parses the options and starts the sandbox; the caller keeps it running and closes it. */
  public static BizgoSandbox start(List<String> args, Clock clock) {
    return BizgoSandbox.start(parse(args), clock);
  }
}

package io.parcelbell.benchmark.dashboard;

import io.parcelbell.localstack.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/notifications/overview} with a VIEWER token, one call at a time, as the console's
 * dashboard makes it. After each call it reads report-service's Prometheus endpoint: the growth of
 * {@code http_server_requests_seconds_sum} for that URI is the server's own time for exactly that
 * call (nothing else calls it), and the growth of the MongoDB driver's command count and time is
 * what the call cost in MongoDB (plus whatever the service's schedules ran meanwhile).
 */
final class OverviewCalls {

  static final String PATH = "/api/notifications/overview";

  /**
   * One call: the client's whole exchange, the server's time, the MongoDB commands and time, how
   * old the figures were when they arrived (now minus the overview's {@code at}, when it was
   * counted).
   */
  record Call(
      int status,
      double clientMs,
      double serverMs,
      long mongoCommands,
      double mongoMs,
      double ageMs) {}

  /** Counts of the dashboard's figures: of changed slices, and of the whole week. */
  record Counting(long changed, double changedSeconds, long week, double weekSeconds) {}

  private record Metrics(
      long calls, double seconds, long mongoCommands, double mongoSeconds, Counting counting) {}

  private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");

  private static final Duration TOKEN_LIFE = Duration.ofMinutes(4); // auth-server's: 5 minutes

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final Supplier<String> bearer;
  private String token;
  private long tokenAt;
  private Metrics last;
  private String lastBody;

  OverviewCalls(String baseUrl, Supplier<String> bearer) {
    this.baseUrl = baseUrl;
    this.bearer = bearer;
  }

  /** The answer of the latest call, for a look at what the dashboard would show. */
  String lastBody() {
    return lastBody;
  }

  Call call() throws IOException, InterruptedException {
    if (token == null || System.nanoTime() - tokenAt > TOKEN_LIFE.toNanos()) {
      token = bearer.get(); // outside the timed call
      tokenAt = System.nanoTime();
    }
    if (last == null) {
      last = metrics();
    }
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + PATH))
            .header("Authorization", token)
            .header("Accept", "application/json")
            .timeout(Duration.ofMinutes(5))
            .build();
    long start = System.nanoTime();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    double clientMs = (System.nanoTime() - start) / 1e6;
    Instant received = Instant.now();
    lastBody = response.body();
    Matcher at = AT.matcher(lastBody);
    double ageMs =
        at.find()
            ? Duration.between(Instant.parse(at.group(1)), received).toNanos() / 1e6
            : Double.NaN;
    Metrics before = last;
    // The server records the request as its response completes, which the client may see first.
    Optional<Metrics> recorded =
        Poll.until(
            () -> {
              Metrics now = metrics();
              return now.calls() == before.calls() ? Optional.empty() : Optional.of(now);
            },
            Duration.ofMillis(25),
            Duration.ofSeconds(1));
    Metrics after = recorded.isPresent() ? recorded.get() : metrics();
    last = after;
    return new Call(
        response.statusCode(),
        clientMs,
        after.calls() == before.calls() ? Double.NaN : (after.seconds() - before.seconds()) * 1e3,
        after.mongoCommands() - before.mongoCommands(),
        (after.mongoSeconds() - before.mongoSeconds()) * 1e3,
        ageMs);
  }

  /** report-service's counts of the figures since it started (its timer's totals). */
  Counting countingSoFar() throws IOException, InterruptedException {
    return metrics().counting();
  }

  private Metrics metrics() throws IOException, InterruptedException {
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    long calls = 0;
    double seconds = 0;
    long commands = 0;
    double commandSeconds = 0;
    long[] counts = new long[2]; // changed, week
    double[] countSeconds = new double[2];
    for (String line : body.split("\n")) {
      int scope = line.contains("scope=\"week\"") ? 1 : 0;
      boolean overview = line.contains("uri=\"" + PATH + "\"");
      if (overview && line.startsWith("http_server_requests_seconds_count{")) {
        calls += Math.round(value(line));
      } else if (overview && line.startsWith("http_server_requests_seconds_sum{")) {
        seconds += value(line);
      } else if (line.startsWith("mongodb_driver_commands_seconds_count{")) {
        commands += Math.round(value(line));
      } else if (line.startsWith("mongodb_driver_commands_seconds_sum{")) {
        commandSeconds += value(line);
      } else if (line.startsWith("parcelbell_report_overview_count_seconds_count{")) {
        counts[scope] += Math.round(value(line));
      } else if (line.startsWith("parcelbell_report_overview_count_seconds_sum{")) {
        countSeconds[scope] += value(line);
      }
    }
    return new Metrics(
        calls,
        seconds,
        commands,
        commandSeconds,
        new Counting(counts[0], countSeconds[0], counts[1], countSeconds[1]));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}

package io.parcelbell.benchmark.dashboard;

import io.parcelbell.localstack.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/notifications/overview} with a VIEWER token, one call at a time, as the console's
 * dashboard makes it. After each call it reads report-service's Prometheus endpoint: the growth of
 * {@code http_server_requests_seconds_sum} for that URI is the server's own time for exactly that
 * call (nothing else calls it), and the growth of the MongoDB driver's command count and time is
 * what the call cost in MongoDB (plus whatever the service's schedules ran meanwhile).
 */
final class OverviewCalls {

  static final String PATH = "/api/notifications/overview";

  /** One call: the client's whole exchange, the server's time, the MongoDB commands and time. */
  record Call(int status, double clientMs, double serverMs, long mongoCommands, double mongoMs) {}

  private record Metrics(long calls, double seconds, long mongoCommands, double mongoSeconds) {}

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
    lastBody = response.body();
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
        (after.mongoSeconds() - before.mongoSeconds()) * 1e3);
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
    for (String line : body.split("\n")) {
      boolean overview = line.contains("uri=\"" + PATH + "\"");
      if (overview && line.startsWith("http_server_requests_seconds_count{")) {
        calls += Math.round(value(line));
      } else if (overview && line.startsWith("http_server_requests_seconds_sum{")) {
        seconds += value(line);
      } else if (line.startsWith("mongodb_driver_commands_seconds_count{")) {
        commands += Math.round(value(line));
      } else if (line.startsWith("mongodb_driver_commands_seconds_sum{")) {
        commandSeconds += value(line);
      }
    }
    return new Metrics(calls, seconds, commands, commandSeconds);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}

package io.parcelbell.localstack.demo;

import io.parcelbell.localstack.Poll;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.auth.LocalTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./run-local demo}: against a running stack, one signed DELIVERED webhook in, then the
 * notification history out until the delivery report settled it as SENT.
 */
public final class Demo {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final StackOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public Demo(StackOptions options, Clock clock, PrintStream out) {
    this.options = options;
    this.clock = clock;
    this.out = out;
  }

  /** Returns the process exit code: 0 once the notification is SENT. */
  public int run() throws IOException, InterruptedException {
    // Unique per run, so the notifier's 24 h dedup never swallows a second demo.
    String trackingNumber = String.format("9%011d", clock.millis() % 100_000_000_000L);
    byte[] body =
        DeliveryWebhook.body(trackingNumber, options.demoPhone()).getBytes(StandardCharsets.UTF_8);
    HttpRequest webhook =
        DeliveryWebhook.request(options.ingestUrl(), options.webhookSecret(), body, clock);
    out.println("POST " + webhook.uri() + " (DELIVERED, cj " + trackingNumber + ")");
    HttpResponse<String> accepted;
    try {
      accepted = http.send(webhook, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      out.println(
          "nothing listens at " + options.ingestUrl() + "; start the stack first: ./run-local");
      return 1;
    }
    out.println("-> " + accepted.statusCode() + " " + accepted.body());
    if (accepted.statusCode() != 200) {
      out.println("ingest did not accept the webhook: see its answer above and its log");
      return 1;
    }
    String bearer;
    try {
      // The history API takes a token from the stack's OpenID Connect provider, as any caller's.
      bearer = LocalTokens.viewerBearer(options);
    } catch (IllegalStateException e) {
      out.println(e.getMessage() + "; is the local stack's auth-server running? (./run-local)");
      return 1;
    }
    URI history =
        URI.create(options.reportUrl() + "/api/notifications?trackingNumber=" + trackingNumber);
    out.println(
        "GET "
            + history
            + " until the notification is SENT (at most "
            + SETTLE_TIMEOUT.toSeconds()
            + " s)");
    AtomicReference<String> shown = new AtomicReference<>("");
    Optional<JsonNode> sent =
        Poll.until(() -> sentItem(history, bearer, shown), Duration.ofMillis(500), SETTLE_TIMEOUT);
    out.println(
        sent.isPresent()
            ? "SENT: delivered and confirmed by the delivery report."
            : "not SENT within "
                + SETTLE_TIMEOUT.toSeconds()
                + " s; see the history above and the services' logs.");
    return sent.isPresent() ? 0 : 1;
  }

  /** Prints the history whenever it changed; answers the notification once its state is SENT. */
  private Optional<JsonNode> sentItem(URI history, String bearer, AtomicReference<String> shown)
      throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(history)
                  .header("Authorization", bearer)
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      return Optional.empty(); // report-service restarting: keep asking until the timeout
    }
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode page = MAPPER.readTree(response.body());
    String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(page);
    if (!pretty.equals(shown.getAndSet(pretty))) {
      out.println(pretty);
    }
    for (JsonNode item : page.path("items")) {
      if ("SENT".equals(item.path("state").asString(""))) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }
}

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./run-local flow-demo}: a flow firing end to end on a running stack. As the dev admin it
 * sets up (once; later runs rotate the secret) a destination at the sandbox's webhook receiver and
 * the flow "dead letters to Slack"; then it sends a DELIVERED webhook for a phone the sandbox fails
 * on every channel, so the notification ends DEAD_LETTER, and follows the receiver until the flow's
 * signed POST arrived and verified.
 */
public final class FlowDemo {

  static final String RECEIVER = "slack-demo";
  static final String FLOW_NAME = "Dead letters to Slack (local demo)";
  private static final String DEAD_LETTER_PHONE = "01012349999";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final StackOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public FlowDemo(StackOptions options, Clock clock, PrintStream out) {
    this.options = options;
    this.clock = clock;
    this.out = out;
  }

  /** The process exit code: 0 once the receiver got the flow's delivery and it verified. */
  public int run() throws IOException, InterruptedException {
    String admin;
    try {
      admin = LocalTokens.adminBearer(options);
    } catch (IllegalStateException e) {
      out.println(e.getMessage() + "; is the local stack running? (./run-local)");
      return 1;
    }
    try {
      setUp(admin);
    } catch (ConnectException e) {
      out.println("nothing listens at " + options.flowUrl() + "; start the stack: ./run-local");
      return 1;
    }
    String trackingNumber = String.format("8%011d", clock.millis() % 100_000_000_000L);
    byte[] body =
        DeliveryWebhook.body(trackingNumber, DEAD_LETTER_PHONE).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> accepted =
        http.send(
            DeliveryWebhook.request(options.ingestUrl(), options.webhookSecret(), body, clock),
            HttpResponse.BodyHandlers.ofString());
    out.println(
        "POST "
            + options.ingestUrl()
            + "/api/webhook/delivery (DELIVERED, cj "
            + trackingNumber
            + ", a phone every channel fails) -> "
            + accepted.statusCode());
    if (accepted.statusCode() != 200) {
      return 1;
    }
    out.println(
        "waiting (at most "
            + TIMEOUT.toSeconds()
            + " s) for DEAD_LETTER -> the flow -> GET "
            + options.sandboxUrl()
            + "/receiver");
    Optional<JsonNode> delivery =
        Poll.until(() -> received(trackingNumber), Duration.ofSeconds(1), TIMEOUT);
    if (delivery.isEmpty()) {
      out.println("no delivery arrived; see GET /api/runs on flow-service and its log");
      return 1;
    }
    out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(delivery.get()));
    boolean verified = delivery.get().path("verified").asBoolean(false);
    out.println(
        verified
            ? "received and verified: the Standard Webhooks signature checks out."
            : "received, but the signature did NOT verify.");
    return verified ? 0 : 1;
  }

  /** The destination and the flow, created the first time; the secret rotated and registered. */
  private void setUp(String admin) throws IOException, InterruptedException {
    JsonNode flows = call(admin, "GET", "/api/flows", null);
    String secret = null;
    for (JsonNode flow : flows) {
      if (FLOW_NAME.equals(flow.path("name").asString(""))) {
        String destination = flow.path("steps").get(0).path("destinationId").asString();
        secret =
            call(admin, "POST", "/api/destinations/" + destination + "/rotate-secret", null)
                .path("signingSecret")
                .asString();
        out.println("flow \"" + FLOW_NAME + "\" exists; its destination's secret rotated");
      }
    }
    if (secret == null) {
      JsonNode created =
          call(
              admin,
              "POST",
              "/api/destinations",
              Map.of("name", "Slack (local receiver)", "url", options.receiverUrl(RECEIVER)));
      secret = created.path("signingSecret").asString();
      String destination = created.path("destination").path("id").asString();
      call(admin, "POST", "/api/flows", slackFlow(destination));
      out.println("created the destination " + destination + " and the flow \"" + FLOW_NAME + "\"");
    }
    http.send(
        HttpRequest.newBuilder(URI.create(options.receiverUrl(RECEIVER) + "/secret"))
            .PUT(HttpRequest.BodyPublishers.ofString(secret))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The README's Slack example. */
  static Map<String, Object> slackFlow(String destinationId) {
    return Map.of(
        "name",
        FLOW_NAME,
        "trigger",
        "NOTIFICATION_SETTLED",
        "filter",
        Map.of(
            "field", "notificationState", "operator", "EQUALS", "values", List.of("DEAD_LETTER")),
        "steps",
        List.of(
            Map.of(
                "type",
                "webhook",
                "destinationId",
                destinationId,
                "body",
                "{\"text\": \":warning: 배송 알림 실패 — 주문 {{ metadata.orderId }}, 송장"
                    + " {{ shipment.trackingNumber }}, {{ metadata.customerPhone }}:"
                    + " {{ notification.reason }}\"}")),
        "enabled",
        true);
  }

  private Optional<JsonNode> received(String trackingNumber)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(options.sandboxUrl() + "/receiver")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (JsonNode entry : MAPPER.readTree(response.body())) {
      if (entry.path("body").asString("").contains(trackingNumber)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private JsonNode call(String bearer, String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(options.flowUrl() + path))
            .header("Authorization", bearer)
            .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return MAPPER.readTree(response.body());
  }
}

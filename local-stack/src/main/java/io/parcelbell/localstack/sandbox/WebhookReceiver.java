package io.parcelbell.localstack.sandbox;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A shop's webhook receiver, for flows tried locally: {@code POST /receiver/<name>} takes a
 * flow-service delivery and checks its Standard Webhooks signature (with the reference library,
 * against the secret registered for that name: {@code PUT /receiver/<name>/secret} with the {@code
 * whsec_...} as the body); {@code GET /receiver} shows the last 200 deliveries, newest first, each
 * with whether its signature verified. Answers 204 to a verified delivery and 401 to one that is
 * not, as a careful receiver does. In memory only.
 */
final class WebhookReceiver implements HttpHandler {

  static final String PATH = "/receiver";
  private static final int KEPT = 200;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Deque<ObjectNode> received = new ArrayDeque<>();
  private final Clock clock;

  WebhookReceiver(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().substring(PATH.length()).split("/");
    String method = exchange.getRequestMethod();
    if (parts.length <= 1 && method.equals("GET")) {
      ArrayNode list = Json.MAPPER.createArrayNode();
      synchronized (received) {
        received.forEach(list::add);
      }
      Json.respond(exchange, 200, list);
      return;
    }
    if (parts.length < 2 || !NAME.matcher(parts[1]).matches()) {
      Json.respondEmpty(exchange, 404);
      return;
    }
    String name = parts[1];
    byte[] body = read(exchange.getRequestBody());
    if (parts.length == 3 && parts[2].equals("secret") && method.equals("PUT")) {
      secrets.put(name, new String(body, StandardCharsets.UTF_8).strip());
      Json.respondEmpty(exchange, 204);
      return;
    }
    if (parts.length != 2 || !method.equals("POST")) {
      Json.respondEmpty(exchange, 405);
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String verified = verify(name, exchange, text);
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("receiver", name);
    entry.put("receivedAt", clock.instant().toString());
    entry.put("webhookId", exchange.getRequestHeaders().getFirst("webhook-id"));
    entry.put("verified", verified == null);
    if (verified != null) {
      entry.put("verificationError", verified);
    }
    entry.put("body", text);
    synchronized (received) {
      received.addFirst(entry);
      while (received.size() > KEPT) {
        received.removeLast();
      }
    }
    Json.respondEmpty(exchange, verified == null ? 204 : 401);
  }

  /** Null when the signature verifies; else why not. */
  private String verify(String name, HttpExchange exchange, String body) {
    String secret = secrets.get(name);
    if (secret == null) {
      return "no secret registered for " + name + " (PUT " + PATH + "/" + name + "/secret)";
    }
    var headers = exchange.getRequestHeaders();
    try {
      new Webhook(secret)
          .verify(
              body,
              Map.of(
                  "webhook-id", List.of(orEmpty(headers.getFirst("webhook-id"))),
                  "webhook-timestamp", List.of(orEmpty(headers.getFirst("webhook-timestamp"))),
                  "webhook-signature", List.of(orEmpty(headers.getFirst("webhook-signature")))));
      return null;
    } catch (WebhookVerificationException | IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readNBytes(256 * 1024);
    }
  }
}

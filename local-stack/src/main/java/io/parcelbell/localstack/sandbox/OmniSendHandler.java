package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.parcelbell.contracts.events.Channel;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/comm/v1/send/omni}: accepts a message per destination, as Bizgo does (A000 =
 * accepted).
 */
final class OmniSendHandler implements HttpHandler {

  private static final DateTimeFormatter MSG_KEY_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneId.of("Asia/Seoul"));

  private final SandboxConfig config;
  private final SandboxStore store;
  private final DeliveryReporter reporter;
  private final Clock clock;
  private final SendListener listener;
  private final AtomicLong sequence = new AtomicLong();

  OmniSendHandler(
      SandboxConfig config,
      SandboxStore store,
      DeliveryReporter reporter,
      Clock clock,
      SendListener listener) {
    this.config = config;
    this.listener = listener;
    this.store = store;
    this.reporter = reporter;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      Json.respondEmpty(exchange, 405);
      return;
    }
    if (ApiKeyCheck.rejected(exchange, config.apiKey())) {
      return;
    }
    try {
      JsonNode request = Json.readBody(exchange);
      ObjectNode answer = send(request);
      pause(config.answerLatency());
      Json.respond(exchange, 200, answer);
    } catch (MalformedRequestException e) {
      Json.respond(exchange, 400, Json.envelope("A000", "Success", "A400", e.getMessage()));
    }
  }

  /** Outside the lock: concurrent sends each take the latency, as at a real provider. */
  private static void pause(java.time.Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Synchronized so that two requests with one idempotency key can never both be accepted. */
  private synchronized ObjectNode send(JsonNode request) {
    JsonNode destinations = request.path("destinations");
    JsonNode flow = request.path("messageFlow");
    if (!destinations.isArray() || destinations.isEmpty()) {
      throw new MalformedRequestException("destinations must be a non-empty array");
    }
    if (!flow.isArray() || flow.isEmpty() || !flow.get(0).isObject()) {
      throw new MalformedRequestException("messageFlow must be a non-empty array of steps");
    }
    Channel channel = SandboxChannel.ofFirstStep(flow.get(0));
    for (JsonNode destination : destinations) {
      if (destination.path("to").asText("").isBlank()) {
        throw new MalformedRequestException("every destination needs a 'to'");
      }
    }
    String idempotencyKey = request.path("idempotencyKey").asText("");
    Optional<ArrayNode> earlier =
        idempotencyKey.isEmpty() ? Optional.empty() : store.destinationsFor(idempotencyKey);
    if (earlier.isPresent()) {
      // The earlier request went through: answer with its msgKeys and send nothing again.
      return answer("A301", "Duplicate idempotencyKey: already accepted", earlier.get(), request);
    }
    ArrayNode accepted = Json.MAPPER.createArrayNode();
    Instant now = clock.instant();
    for (JsonNode destination : destinations) {
      String to = destination.get("to").asString("");
      String msgKey =
          MSG_KEY_TIME.format(now) + "SBX" + String.format("%012d", sequence.incrementAndGet());
      accepted
          .addObject()
          .put("to", to)
          .put("msgKey", msgKey)
          .put("code", "A000")
          .put("result", "Success");
      // A destination's ref names the notification; Bizgo falls back to the request's ref.
      String ref =
          destination.hasNonNull("ref")
              ? destination.get("ref").asString("")
              : request.path("ref").asText(null);
      reporter.accepted(msgKey, channel, to, ref, now);
      listener.accepted(ref, idempotencyKey, now);
    }
    if (!idempotencyKey.isEmpty()) {
      store.rememberDestinations(idempotencyKey, accepted);
    }
    return answer("A000", "Success", accepted, request);
  }

  private static ObjectNode answer(
      String code, String result, ArrayNode destinations, JsonNode request) {
    ObjectNode root = Json.envelope("A000", "Success", code, result);
    ObjectNode data = (ObjectNode) root.get("data");
    data.putObject("data").set("destinations", destinations.deepCopy());
    data.set("ref", request.path("ref").isMissingNode() ? null : request.get("ref"));
    return root;
  }
}

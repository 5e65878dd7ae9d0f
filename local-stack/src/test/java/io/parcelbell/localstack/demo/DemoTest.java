package io.parcelbell.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parcelbell.localstack.StackOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo against stand-ins for ingest and report: signed webhook in, history polled until SENT.
 */
class DemoTest {

  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private volatile int ingestStatus = 200;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/api/webhook/delivery",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          long timestamp =
              Long.parseLong(exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp"));
          seen.put(
              "signatureValid",
              String.valueOf(
                  WebhookSignature.sign("local-deliveryapi-secret", timestamp, body)
                      .equals(exchange.getRequestHeaders().getFirst("X-Webhook-Signature"))));
          seen.put(
              "tracking",
              new ObjectMapper().readTree(body).at("/items/0/trackingNumber").asString());
          answer(exchange, ingestStatus, "{\"received\":true,\"accepted\":1}");
        });
    server.createContext(
        "/oauth2/token",
        exchange -> {
          seen.put("tokenAuth", exchange.getRequestHeaders().getFirst("Authorization"));
          answer(exchange, 200, "{\"access_token\":\"t0ken\",\"token_type\":\"Bearer\"}");
        });
    server.createContext(
        "/api/notifications",
        exchange -> {
          seen.put("query", exchange.getRequestURI().getQuery());
          seen.put("historyAuth", exchange.getRequestHeaders().getFirst("Authorization"));
          // PENDING twice, then the delivery report settled it.
          String state = queries.incrementAndGet() < 3 ? "PENDING" : "SENT";
          answer(
              exchange,
              200,
              "{\"items\":[{\"id\":\"cj:1:DELIVERED\",\"state\":\""
                  + state
                  + "\",\"attempts\":[]}],\"nextCursor\":null}");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void sendsASignedWebhookAndExitsZeroOnceTheHistorySaysSent() throws Exception {
    int exit = demo().run();

    assertThat(exit).isZero();
    assertThat(seen.get("signatureValid")).isEqualTo("true");
    assertThat(seen.get("query")).isEqualTo("trackingNumber=" + seen.get("tracking"));
    assertThat(queries.get()).isEqualTo(3);
    assertThat(seen.get("tokenAuth"))
        .as("client credentials of parcelbell-cli")
        .startsWith("Basic ");
    assertThat(seen.get("historyAuth")).isEqualTo("Bearer t0ken");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"state\" : \"PENDING\"", "\"state\" : \"SENT\"", "SENT: delivered");
  }

  @Test
  void exitsNonZeroWhenIngestRefusesTheWebhook() throws Exception {
    ingestStatus = 401;

    assertThat(demo().run()).isEqualTo(1);
    assertThat(queries.get()).isZero();
  }

  private Demo demo() {
    String port = String.valueOf(server.getAddress().getPort());
    StackOptions options =
        StackOptions.parse(
            List.of("--ingest-port=" + port, "--report-port=" + port, "--auth-port=" + port));
    return new Demo(options, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}

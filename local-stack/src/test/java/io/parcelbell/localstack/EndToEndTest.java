package io.parcelbell.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelbell.localstack.demo.DeliveryWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on one machine: the same code as {@code ./run-local} (real Kafka broker,
 * MongoDB-wire server, Bizgo sandbox, the three service jars as child JVMs) on free ports with a
 * throw-away data dir. The stack starts once per class, so further scenarios cost seconds, not a
 * restart. The service jars are built before this module in the reactor; if one is missing the
 * stack refuses to start and every test fails.
 */
class EndToEndTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.systemUTC();

  @TempDir static Path data;
  private static StackOptions options;
  private static Stack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStack() {
    options =
        StackOptions.parse(
            List.of(
                "--repo-dir=..",
                "--data-dir=" + data,
                "--kafka-port=" + FreePorts.next(),
                "--kafka-controller-port=" + FreePorts.next(),
                "--mongo-port=" + FreePorts.next(),
                "--sandbox-port=" + FreePorts.next(),
                "--ingest-port=" + FreePorts.next(),
                "--notifier-port=" + FreePorts.next(),
                "--report-port=" + FreePorts.next(),
                // Three Spring Boot JVMs starting at once on 2 shared cores: generous on purpose.
                "--readiness-timeout=PT3M",
                "--echo-service-output=false"));
    stack = new Stack(options, CLOCK, System.out);
    stack.start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aDeliveredWebhookEndsAsAnAlimtalkConfirmedByItsDeliveryReport() throws Exception {
    String trackingNumber = String.format("7%011d", CLOCK.millis() % 100_000_000_000L);
    byte[] body =
        DeliveryWebhook.body(trackingNumber, "01012345678").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> accepted =
        http.send(
            DeliveryWebhook.request(options.ingestUrl(), options.webhookSecret(), body, CLOCK),
            HttpResponse.BodyHandlers.ofString());

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(1);
    JsonNode notification = awaitSent(trackingNumber);
    assertThat(notification.path("id").asText()).isEqualTo("cj:" + trackingNumber + ":DELIVERED");
    assertThat(notification.path("recipient").asText()).isEqualTo("010-****-5678");
    assertThat(notification.path("attempts")).hasSize(1);
    JsonNode attempt = notification.path("attempts").get(0);
    assertThat(attempt.path("channel").asText()).isEqualTo("ALIMTALK");
    assertThat(attempt.path("state").asText()).isEqualTo("DELIVERED");
    assertThat(attempt.path("reportCode").asText()).isEqualTo("10000");
    assertThat(attempt.path("msgKey").asText()).isNotBlank();
  }

  private JsonNode awaitSent(String trackingNumber) {
    URI history =
        URI.create(options.reportUrl() + "/api/notifications?trackingNumber=" + trackingNumber);
    try {
      return await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> firstItem(history), item -> "SENT".equals(item.path("state").asText()));
    } catch (ConditionTimeoutException e) {
      return fail(
          "not SENT in time; last history: " + safely(() -> firstItem(history)) + "\n" + logTails(),
          e);
    }
  }

  private JsonNode firstItem(URI history) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(history).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode items = MAPPER.readTree(response.body()).path("items");
    return items.isEmpty() ? MAPPER.createObjectNode() : items.get(0);
  }

  private static String safely(java.util.concurrent.Callable<?> call) {
    try {
      return String.valueOf(call.call());
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** The end of every service's log, so a red run says why without a second run. */
  private static String logTails() {
    try (Stream<Path> logs = Files.list(options.dataDir().resolve("logs"))) {
      return logs.sorted()
          .map(
              log -> {
                try {
                  List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                  return "--- "
                      + log.getFileName()
                      + "\n"
                      + String.join(
                          "\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no logs: " + e + ")";
    }
  }
}

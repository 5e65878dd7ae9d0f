package io.parcelbell.benchmark.flow;

import io.parcelbell.benchmark.LocalStackPorts;
import io.parcelbell.benchmark.WarmUp;
import io.parcelbell.benchmark.endtoend.Services;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.auth.LocalTokens;
import io.parcelbell.localstack.kafka.KafkaBroker;
import io.parcelbell.localstack.mongo.MongoWireServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * flow-service alone (a JVM as the local stack runs it) with a real broker, the MongoDB-wire server
 * and a receiver in this JVM answering 204 at once. Two scenarios, figures printed, nothing
 * asserted:
 *
 * <ul>
 *   <li><b>deliveries</b>: {@code deliveries} (5,000) shipment events for an enabled flow with one
 *       webhook step, produced at once: deliveries/s at the receiver (first event produced to last
 *       delivery received), CPU and MongoDB commands per delivery;
 *   <li><b>timers</b>: {@code waiting} (10,000) runs of a flow with a 3-minute delay, their events'
 *       times spread over {@code spread} (100 s) so they come due at a steady rate: each delivery's
 *       lateness (arrival minus due time) p50/p99/max.
 * </ul>
 */
public final class FlowBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DUE = Pattern.compile("\"occurredAt\": \"([^\"]+)\"");

  private FlowBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LocalStackPorts.options(args);
    int deliveries = Integer.parseInt(o.getOrDefault("deliveries", "5000"));
    WarmUp warmUp = WarmUp.of(o, 2000);
    int waiting = Integer.parseInt(o.getOrDefault("waiting", "10000"));
    Duration spread = Duration.parse("PT" + o.getOrDefault("spread", "100s").toUpperCase());
    List<String> scenarios =
        Arrays.asList(o.getOrDefault("scenarios", "deliveries,timers").split(","));
    Path repo = Path.of(o.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
    Path logs = Path.of(o.getOrDefault("logs", "benchmarks/target/flow")).toAbsolutePath();
    Files.createDirectories(logs);
    Path data = Files.createTempDirectory("parcelbell-flow-benchmark");
    StackOptions stack = LocalStackPorts.onFreePorts(repo, data);
    System.out.printf(
        "parcelbell flow-service benchmark: %d cores, flow-service as a JVM %s%n",
        Runtime.getRuntime().availableProcessors(), Services.JVM);
    try (KafkaBroker kafka =
            KafkaBroker.start(
                data.resolve("kafka"), stack.kafkaPort(), stack.kafkaControllerPort());
        MongoWireServer mongo = LocalStackPorts.mongo(o, data, stack.mongoPort());
        Receiver receiver = new Receiver();
        Services services =
            new Services(
                stack,
                logs,
                o.containsKey("service-jvm-args")
                    ? List.of(o.get("service-jvm-args").trim().split("\\s+"))
                    : List.of());
        var producer =
            new KafkaProducer<String, ParcelbellEvent>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    5),
                new StringSerializer(),
                new EventSerializer())) {
      services.startOnly(List.of("auth-server", "flow-service"));
      var run = new Run(stack, services, receiver, producer);
      if (scenarios.contains("deliveries")) {
        warmUp.run("deliveries", n -> run.deliveries(n, false));
        run.deliveries(deliveries, true);
      }
      if (scenarios.contains("timers")) {
        run.timers(waiting, spread);
      }
    }
  }

  private static final class Run {
    private final StackOptions stack;
    private final Services services;
    private final Receiver receiver;
    private final KafkaProducer<String, ParcelbellEvent> producer;
    private final HttpClient http = HttpClient.newHttpClient();

    Run(
        StackOptions stack,
        Services services,
        Receiver receiver,
        KafkaProducer<String, ParcelbellEvent> producer) {
      this.stack = stack;
      this.services = services;
      this.receiver = receiver;
      this.producer = producer;
    }

    void deliveries(int n, boolean print) throws Exception {
      String prefix = "BD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
      flow(
          prefix,
          "[" + webhook(prefix, "{\\\"t\\\": \\\"{{ shipment.trackingNumber }}\\\"}") + "]");
      receiver.arrivals.clear();
      var before = services.usage();
      Instant start = Instant.now();
      Instant at = Instant.now();
      for (int i = 0; i < n; i++) {
        send(prefix + i, at);
      }
      producer.flush();
      awaitArrivals(n, Duration.ofMinutes(10));
      Instant last =
          receiver.arrivals.stream()
              .map(Receiver.Arrival::at)
              .max(Instant::compareTo)
              .orElseThrow();
      var after = services.usage();
      if (!print) {
        return;
      }
      double seconds = Duration.between(start, last).toMillis() / 1000.0;
      System.out.printf(
          "deliveries: %d events produced, %d delivered in %.1f s = %.0f deliveries/s at the receiver%n",
          n, receiver.arrivals.size(), seconds, n / seconds);
      printUsage(before, after, n);
    }

    void timers(int n, Duration spread) throws Exception {
      String prefix = "BT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
      Duration delay = Duration.ofMinutes(3);
      flow(
          prefix,
          "[{\"type\": \"delay\", \"duration\": \"PT3M\"}, "
              + webhook(prefix, "{\\\"occurredAt\\\": \\\"{{ event.occurredAt }}\\\"}")
              + "]");
      receiver.arrivals.clear();
      // Event times spread over the window, ending now-ish: due times run from about
      // delay - spread ahead on, at a steady rate, with all n runs waiting at first.
      Instant first = Instant.now().minus(spread);
      long stepNanos = spread.toNanos() / n;
      for (int i = 0; i < n; i++) {
        send(prefix + i, first.plusNanos(stepNanos * i));
      }
      producer.flush();
      System.out.printf(
          "timers: %d runs waiting (3-minute delay), coming due from %s over %d s%n",
          n, first.plus(delay), spread.toSeconds());
      awaitArrivals(n, delay.plus(spread).plus(Duration.ofMinutes(5)));
      long[] lateness =
          receiver.arrivals.stream()
              .mapToLong(
                  a -> {
                    Matcher m = DUE.matcher(a.body());
                    if (!m.find()) {
                      throw new IllegalStateException("no occurredAt in " + a.body());
                    }
                    Instant due = Instant.parse(m.group(1)).plus(delay);
                    return Duration.between(due, a.at()).toMillis();
                  })
              .sorted()
              .toArray();
      System.out.printf(
          "timers: lateness (delivery received minus due time) p50 %d ms, p99 %d ms, max %d ms,"
              + " %d of %d within 2 s%n",
          p(lateness, 0.50),
          p(lateness, 0.99),
          lateness[lateness.length - 1],
          Arrays.stream(lateness).filter(l -> l <= 2_000).count(),
          lateness.length);
    }

    private void printUsage(
        Map<String, Services.Usage> before, Map<String, Services.Usage> after, int n) {
      after.forEach(
          (name, usage) -> {
            var was = before.get(name);
            System.out.printf(
                "  %-16s CPU %.2f ms/delivery, MongoDB commands %.2f/delivery%n",
                name,
                (usage.cpu().toNanos() - was.cpu().toNanos()) / 1e6 / n,
                (usage.mongoCommands() - was.mongoCommands()) / (double) n);
            String byKind = usage.perItemSince(was, n);
            if (!byKind.isEmpty()) {
              System.out.printf("    by collection and command: %s%n", byKind);
            }
          });
    }

    private void send(String tracking, Instant occurredAt) {
      var event =
          new ShipmentStatusChanged(
              UUID.randomUUID().toString(),
              "cj",
              tracking,
              "DELIVERED",
              true,
              null,
              null,
              null,
              new ShipmentMetadata("ORD-" + tracking, "01012345678", "홍길동", "감귤", "CJ대한통운"),
              occurredAt);
      producer.send(new ProducerRecord<>(Topics.SHIPMENT_STATUS, event.shipmentKey(), event));
    }

    private void awaitArrivals(int n, Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (receiver.arrivals.size() < n && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      if (receiver.arrivals.size() < n) {
        System.out.printf(
            "  only %d of %d arrived within %s%n", receiver.arrivals.size(), n, timeout);
      }
    }

    private String webhook(String prefix, String body) throws Exception {
      String destination =
          post(
                  "/api/destinations",
                  "{\"name\": \"" + prefix + "\", \"url\": \"" + receiver.url("/" + prefix) + "\"}")
              .path("destination")
              .path("id")
              .asString();
      return "{\"type\": \"webhook\", \"destinationId\": \""
          + destination
          + "\", \"body\": \""
          + body
          + "\"}";
    }

    private void flow(String prefix, String steps) throws Exception {
      post(
          "/api/flows",
          "{\"name\": \""
              + prefix
              + "\", \"trigger\": \"SHIPMENT_STATUS_CHANGED\", \"filter\": {\"field\":"
              + " \"trackingNumber\", \"operator\": \"STARTS_WITH\", \"values\": [\""
              + prefix
              + "\"]}, \"steps\": "
              + steps
              + ", \"enabled\": true}");
      Thread.sleep(6_000); // every replica re-reads the enabled flows within 5 s
    }

    private JsonNode post(String path, String body) throws Exception {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.flowUrl() + path))
                  // A fresh token each time: a scenario outlasts one (5 minutes).
                  .header("Authorization", LocalTokens.adminBearer(stack))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    }

    private static long p(long[] sorted, double q) {
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
  }
}

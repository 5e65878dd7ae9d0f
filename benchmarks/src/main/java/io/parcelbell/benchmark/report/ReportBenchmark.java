package io.parcelbell.benchmark.report;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.parcelbell.benchmark.LocalStackPorts;
import io.parcelbell.benchmark.WarmUp;
import io.parcelbell.benchmark.endtoend.Services;
import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.kafka.EventDeserializer;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.kafka.KafkaBroker;
import io.parcelbell.localstack.mongo.MongoWireServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * report-service alone (a JVM as the local stack runs it) against a real Kafka broker and the
 * MongoDB-wire server: {@code reports} notifications are dispatched (NotificationDispatched on the
 * lifecycle topic, projected as PENDING), then one Bizgo delivery report each is posted as fast as
 * the endpoint takes them ({@code concurrency} connections). It prints intake/s (a 200 answered
 * once Kafka held the report) with answer p50/p99, and settlement/s (the notification SENT, seen as
 * its NotificationSettled) with post→settled p50/p99, CPU and MongoDB commands per report. Asserts
 * nothing.
 */
public final class ReportBenchmark {

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LocalStackPorts.options(args);
    int reports = Integer.parseInt(o.getOrDefault("reports", "20000"));
    WarmUp warmUp = WarmUp.of(o, 5000);
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "64"));
    Path repo = Path.of(o.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
    Path logs = Path.of(o.getOrDefault("logs", "benchmarks/target/report")).toAbsolutePath();
    List<String> serviceJvm =
        o.containsKey("service-jvm-args")
            ? List.of(o.get("service-jvm-args").trim().split("\\s+"))
            : List.of();
    Files.createDirectories(logs);
    Path data = Files.createTempDirectory("parcelbell-report-benchmark");
    StackOptions stack = LocalStackPorts.onFreePorts(repo, data);
    System.out.printf(
        "parcelbell report-service benchmark: %d cores, %d reports, %d connections, report-service"
            + " as a JVM %s %s%n",
        Runtime.getRuntime().availableProcessors(), reports, concurrency, Services.JVM, serviceJvm);
    try (KafkaBroker kafka =
            KafkaBroker.start(
                data.resolve("kafka"), stack.kafkaPort(), stack.kafkaControllerPort());
        MongoWireServer mongo = LocalStackPorts.mongo(o, data, stack.mongoPort());
        Services services = new Services(stack, logs, serviceJvm)) {
      services.startOnly(List.of("auth-server", "report-service"));
      var run = new Run(stack, services, concurrency);
      warmUp.run("reports", n -> run.measure(n, false));
      run.measure(reports, true);
    }
  }

  private static final class Run {
    private final StackOptions stack;
    private final Services services;
    private final int concurrency;

    Run(StackOptions stack, Services services, int concurrency) {
      this.stack = stack;
      this.services = services;
      this.concurrency = concurrency;
    }

    void measure(int n, boolean print) throws Exception {
      String prefix = "RB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
      dispatch(prefix, n);
      try (var settled = settledConsumer()) {
        awaitPending(prefix, n);
        var before = services.usage();
        long[] postedAt = new long[n];
        long[] answerNanos = new long[n];
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        post(prefix, n, postedAt, answerNanos, failures);
        long intakeNanos = System.nanoTime() - start;
        long[] settledAfter = awaitSettled(settled, prefix, n, postedAt);
        long settleNanos = System.nanoTime() - start;
        var after = services.usage();
        if (!print) {
          return;
        }
        Arrays.sort(answerNanos);
        long settledCount = Arrays.stream(settledAfter).filter(v -> v >= 0).count();
        long[] latencies = Arrays.stream(settledAfter).filter(v -> v >= 0).sorted().toArray();
        System.out.printf(
            "intake: %d reports in %.1f s = %.0f reports/s (200 after Kafka), answer p50 %.1f ms,"
                + " p99 %.1f ms, %d failed%n",
            n,
            intakeNanos / 1e9,
            n / (intakeNanos / 1e9),
            p(answerNanos, 0.50) / 1e6,
            p(answerNanos, 0.99) / 1e6,
            failures.get());
        System.out.printf(
            "settlement: %d of %d SENT %.1f s after the first post = %.0f settlements/s,"
                + " post->settled p50 %.0f ms, p99 %.0f ms%n",
            settledCount,
            n,
            settleNanos / 1e9,
            settledCount / (settleNanos / 1e9),
            p(latencies, 0.50) / 1.0,
            p(latencies, 0.99) / 1.0);
        after.forEach(
            (name, usage) -> {
              var was = before.get(name);
              System.out.printf(
                  "  %-16s CPU %.2f ms/report, MongoDB commands %.2f/report%n",
                  name,
                  (usage.cpu().toNanos() - was.cpu().toNanos()) / 1e6 / n,
                  (usage.mongoCommands() - was.mongoCommands()) / (double) n);
              String byKind = usage.perItemSince(was, n);
              if (!byKind.isEmpty()) {
                System.out.printf("    by collection and command: %s%n", byKind);
              }
            });
      }
    }

    private void dispatch(String prefix, int n) {
      try (var producer =
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
        for (int i = 0; i < n; i++) {
          NotificationDispatched d = dispatched(prefix, i);
          producer.send(new ProducerRecord<>(Topics.NOTIFICATION_LIFECYCLE, d.shipmentKey(), d));
        }
        producer.flush();
      }
    }

    private static NotificationDispatched dispatched(String prefix, int i) {
      String tracking = prefix + i;
      String id = NotificationIds.of("cj", tracking, "DELIVERED");
      return new NotificationDispatched(
          EventIds.of(id, "dispatched", "ALIMTALK"),
          id,
          "cj",
          tracking,
          "DELIVERED",
          "ORD-" + tracking,
          "010-****-5678",
          Channel.ALIMTALK,
          1,
          msgKey(prefix, i),
          id + ":1",
          true,
          Instant.now());
    }

    private static String msgKey(String prefix, int i) {
      return "MK" + prefix + i;
    }

    /**
     * Every dispatch projected: the PENDING documents of this round counted in report-service's
     * database. (Seeing the last one produced was not enough: with 12 partitions the others were
     * still being projected while the reports were posted, so the projection's work was measured as
     * the reports' and many reports arrived before their dispatch.)
     */
    private void awaitPending(String prefix, int n) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      try (var client = MongoClients.create(stack.mongoUri("parcelbell-report"))) {
        var notifications = client.getDatabase("parcelbell-report").getCollection("notifications");
        var mine =
            Filters.and(
                Filters.regex("trackingNumber", "^" + prefix), Filters.eq("state", "PENDING"));
        while (System.nanoTime() < deadline) {
          if (notifications.countDocuments(mine) >= n) {
            return;
          }
          Thread.sleep(500);
        }
      }
      throw new IllegalStateException("dispatches not projected in 10 minutes");
    }

    private void post(
        String prefix,
        int n,
        long[] postedAt,
        long[] answerNanos,
        java.util.concurrent.atomic.AtomicInteger failures) {
      ConnectionProvider pool =
          ConnectionProvider.builder("report-bench")
              .maxConnections(concurrency)
              .pendingAcquireMaxCount(-1)
              .build();
      HttpClient http =
          HttpClient.create(pool)
              .baseUrl(stack.reportUrl())
              .responseTimeout(Duration.ofSeconds(10));
      Flux.range(0, n)
          .flatMap(
              i -> {
                String tracking = prefix + i;
                String body =
                    ("{\"msgKey\":\"%s\",\"serviceType\":\"ALIMTALK\",\"msgType\":\"AT\","
                            + "\"sendTime\":\"2026-04-24T10:42:34.546+09:00\","
                            + "\"reportTime\":\"2026-04-24T10:42:36.120+09:00\","
                            + "\"reportType\":\"RS\",\"reportCode\":\"10000\",\"reportText\":\"성공\","
                            + "\"carrier\":\"\",\"ref\":\"%s\"}")
                        .formatted(
                            msgKey(prefix, i), NotificationIds.of("cj", tracking, "DELIVERED"));
                postedAt[i] = System.currentTimeMillis();
                long sent = System.nanoTime();
                return http.headers(
                        h -> h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON))
                    .post()
                    .uri("/webhook/bizgo/report")
                    .send(
                        ByteBufFlux.fromString(
                            Mono.just(body),
                            StandardCharsets.UTF_8,
                            io.netty.buffer.ByteBufAllocator.DEFAULT))
                    .responseSingle((r, content) -> content.then(Mono.just(r.status().code())))
                    .doOnNext(
                        status -> {
                          answerNanos[i] = System.nanoTime() - sent;
                          if (status != 200) {
                            failures.incrementAndGet();
                          }
                        })
                    .onErrorResume(
                        e -> {
                          answerNanos[i] = System.nanoTime() - sent;
                          failures.incrementAndGet();
                          return Mono.empty();
                        });
              },
              concurrency)
          .blockLast(Duration.ofMinutes(30));
      pool.disposeLater().block(Duration.ofSeconds(5));
    }

    private KafkaConsumer<String, ParcelbellEvent> settledConsumer() {
      var consumer =
          new KafkaConsumer<String, ParcelbellEvent>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.kafkaBootstrapServers(),
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "report-benchmark-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "latest"),
              new StringDeserializer(),
              new EventDeserializer());
      consumer.subscribe(List.of(Topics.NOTIFICATION_OUTCOME));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200));
      }
      // "latest" is resolved lazily, at a later poll: an event settled before then would be missed
      // and the wait for it last until its deadline. Resolve every position now.
      consumer.assignment().forEach(consumer::position);
      return consumer;
    }

    /** Per report, milliseconds from its post until its NotificationSettled (-1: not seen). */
    private static long[] awaitSettled(
        KafkaConsumer<String, ParcelbellEvent> consumer, String prefix, int n, long[] postedAt) {
      long[] latency = new long[n];
      Arrays.fill(latency, -1);
      int seen = 0;
      long quietSince = System.nanoTime();
      while (seen < n && System.nanoTime() - quietSince < Duration.ofSeconds(120).toNanos()) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() instanceof NotificationSettled s
              && s.scope() == SettlementScope.NOTIFICATION
              && s.trackingNumber().startsWith(prefix)) {
            int i = Integer.parseInt(s.trackingNumber().substring(prefix.length()));
            if (latency[i] < 0) {
              latency[i] = Math.max(0, s.occurredAt().toEpochMilli() - postedAt[i]);
              seen++;
              quietSince = System.nanoTime();
            }
          }
        }
      }
      return latency;
    }

    private static long p(long[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
  }
}

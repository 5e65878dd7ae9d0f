package io.parcelbell.benchmark.endtoend;

import io.parcelbell.benchmark.LocalStackPorts;
import io.parcelbell.benchmark.WarmUp;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.kafka.KafkaBroker;
import io.parcelbell.localstack.mongo.MongoWireServer;
import io.parcelbell.localstack.sandbox.BizgoSandbox;
import io.parcelbell.localstack.sandbox.SandboxConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * parcelbell end to end on one machine: signed DeliveryAPI webhooks into ingest, the three services
 * as separate JVMs, a real Kafka broker (KRaft) and the MongoDB-wire server (the local stack's), a
 * provider stand-in (the Bizgo sandbox, answering after {@code provider-latency} and posting
 * delivery reports) and report-service settling each notification SENT. Prints what it measured; it
 * asserts nothing.
 *
 * <p>Scenarios ({@code --scenarios=}, all by default): {@code sustained}: {@code notifications}
 * posted as fast as ingest takes them (webhooks of {@code items} parcels), then sends/s at the
 * provider, webhook→send p50/p99, time until all are SENT, MongoDB commands and CPU per
 * notification per service; {@code latency}: {@code rate} notifications/s offered for {@code
 * duration}, webhook→send p50/p99; {@code held}: {@code held} notifications arriving in quiet hours
 * (the notifier restarted with a quiet window ending {@code held-window} (300 s) from then), then
 * the time from the window's end until the provider accepted the last of them.
 *
 * <p>Other options: {@code provider-latency} (50ms), {@code send-rate} (500: the Bizgo account
 * rate, the notifier's rate limiter), {@code warmup} (rounds of 10000 notifications first, not
 * measured, for at least {@code warmup-time}, 120 s: see {@link WarmUp}), {@code repo-dir} (.),
 * {@code logs} (benchmarks/target/end-to-end).
 */
public final class EndToEndBenchmark {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LocalStackPorts.options(args);
    List<String> scenarios =
        List.of(o.getOrDefault("scenarios", "sustained,latency,held").split(","));
    int items = Integer.parseInt(o.getOrDefault("items", "50"));
    int sendRate = Integer.parseInt(o.getOrDefault("send-rate", "500"));
    Duration providerLatency = duration(o.getOrDefault("provider-latency", "50ms"));
    Path repo = Path.of(o.getOrDefault("repo-dir", ".")).toAbsolutePath().normalize();
    Path logs = Path.of(o.getOrDefault("logs", "benchmarks/target/end-to-end")).toAbsolutePath();
    Files.createDirectories(logs);
    Path data = Files.createTempDirectory("parcelbell-end-to-end");

    StackOptions stack = LocalStackPorts.onFreePorts(repo, data);
    List<String> notifierArgs = List.of("--parcelbell.notifier.bizgo.account-rate=" + sendRate);
    stack = stack.withExtraServiceArgs(Map.of("notifier-service", notifierArgs));

    System.out.printf(
        "parcelbell end-to-end benchmark: %d cores, provider latency %s, send rate %d/s, webhooks"
            + " of %d parcels, services as JVMs %s%n",
        Runtime.getRuntime().availableProcessors(), providerLatency, sendRate, items, Services.JVM);
    Provider provider = new Provider();
    try (KafkaBroker kafka =
            KafkaBroker.start(
                data.resolve("kafka"), stack.kafkaPort(), stack.kafkaControllerPort());
        MongoWireServer mongo = LocalStackPorts.mongo(o, data, stack.mongoPort());
        BizgoSandbox sandbox =
            BizgoSandbox.start(
                SandboxConfig.defaults(
                        stack.sandboxPort(),
                        URI.create(stack.reportUrl() + "/webhook/bizgo/report"))
                    .withAnswerLatency(providerLatency),
                Clock.systemUTC(),
                provider);
        Services services = new Services(stack, logs, words(o.get("service-jvm-args")))) {
      services.startAll();
      WebhookLoad load =
          new WebhookLoad(stack.ingestUrl(), stack.webhookSecret(), items, stack.demoPhone());
      Scenario scenario = new Scenario(services, provider, load);
      WarmUp.of(o, 10000).run("notifications", n -> scenario.sustained(n, false));
      if (scenarios.contains("sustained")) {
        scenario.sustained(Integer.parseInt(o.getOrDefault("notifications", "20000")), true);
      }
      if (scenarios.contains("latency")) {
        scenario.atRate(
            Integer.parseInt(o.getOrDefault("rate", "300")),
            duration(o.getOrDefault("duration", "60s")));
      }
      if (scenarios.contains("held")) {
        Duration window = duration(o.getOrDefault("held-window", "300s"));
        Instant end = Instant.now().plus(window);
        // The account rate is in the notifier's own arguments already (a second copy would be
        // joined).
        List<String> quiet = new ArrayList<>();
        quiet.add(
            "--parcelbell.notifier.quiet-hours.start="
                + CLOCK_TIME.format(LocalTime.ofInstant(Instant.now().minusSeconds(60), SEOUL)));
        quiet.add(
            "--parcelbell.notifier.quiet-hours.end="
                + CLOCK_TIME.format(LocalTime.ofInstant(end, SEOUL)));
        services.restart("notifier-service", quiet);
        scenario.held(Integer.parseInt(o.getOrDefault("held", "50000")), end);
      }
      System.out.printf(
          "duplicate sends at the provider (one notification accepted under two keys): %d%n",
          provider.duplicates());
    }
  }

  private static List<String> words(String option) {
    return option == null || option.isBlank() ? List.of() : List.of(option.trim().split("\\s+"));
  }

  private static Duration duration(String text) {
    return DurationStyle.detectAndParse(text);
  }
}

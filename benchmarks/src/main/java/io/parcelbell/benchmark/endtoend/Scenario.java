package io.parcelbell.benchmark.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One measured run: post, wait for the provider and the history, print the figures. */
final class Scenario {

  private static final Duration PATIENCE = Duration.ofMinutes(20);
  private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(3);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Services services;
  private final Provider provider;
  private final WebhookLoad load;
  private final HttpClient http = HttpClient.newHttpClient();

  Scenario(Services services, Provider provider, WebhookLoad load) {
    this.services = services;
    this.provider = provider;
    this.load = load;
  }

  /** {@code count} DELIVERED notifications as fast as ingest takes them. */
  void sustained(int count, boolean print) throws Exception {
    List<WebhookLoad.Webhook> webhooks = load.webhooks(count, "DELIVERED");
    Set<String> ids = idsOf(webhooks);
    long sentBefore = sent();
    Map<String, Services.Usage> before = services.usage();
    Instant start = Instant.now();
    load.postAll(webhooks, 4);
    Instant posted = Instant.now();
    awaitAccepted(ids);
    Instant lastSend = lastAcceptance(ids);
    if (!print) {
      // A warm-up settled before what is measured starts: its stragglers must not count as
      // measured notifications SENT.
      awaitSent(sentBefore, count, lastSend.plus(SETTLE_PATIENCE));
      return;
    }
    Map<String, Services.Usage> atLastSend = services.usage();
    Settled settled = awaitSent(sentBefore, count, lastSend.plus(SETTLE_PATIENCE));
    Map<String, Services.Usage> after = services.usage();
    Instant firstSend = firstAcceptance(ids);
    System.out.printf(
        "%nsustained: %,d notifications posted in %.1f s (%,d refused by ingest)%n",
        count, seconds(start, posted), load.rejected());
    System.out.printf(
        "  at the provider: %.0f notifications/s (first to last send, %.1f s); %.0f/s from the first"
            + " webhook%n",
        count / seconds(firstSend, lastSend),
        seconds(firstSend, lastSend),
        count / seconds(start, lastSend));
    printLatency(ids);
    System.out.printf(
        "  SENT in report-service: %,d of %,d, %.1f s after the first webhook%s%n",
        settled.sent(),
        count,
        seconds(start, settled.at()),
        settled.sent() < count
            ? " (stopped waiting " + SETTLE_PATIENCE.toSeconds() + " s after the last send)"
            : "");
    System.out.println(
        "  per notification, first webhook to last send:  CPU ms   MongoDB commands"
            + "   | until settled: CPU ms   MongoDB commands");
    before.forEach(
        (name, was) -> {
          Services.Usage sending = atLastSend.get(name);
          Services.Usage now = after.get(name);
          System.out.printf(
              "    %-22s %8.2f   %8.2f   | %8.2f   %8.2f%n",
              name,
              (sending.cpu().toNanos() - was.cpu().toNanos()) / 1e6 / count,
              (sending.mongoCommands() - was.mongoCommands()) / (double) count,
              (now.cpu().toNanos() - was.cpu().toNanos()) / 1e6 / count,
              (now.mongoCommands() - was.mongoCommands()) / (double) count);
        });
    before.forEach(
        (name, was) -> {
          String byKind = after.get(name).perItemSince(was, count);
          if (!byKind.isEmpty()) {
            System.out.printf(
                "    %s until settled, by collection and command: %s%n", name, byKind);
          }
        });
    System.out.println(
        "    (infrastructure = the benchmark's JVM: broker, MongoDB-wire server, provider stand-in,"
            + " load generator)");
  }

  /** {@code perSecond} DELIVERED notifications a second for {@code duration}. */
  void atRate(int perSecond, Duration duration) throws Exception {
    int count = (int) (perSecond * duration.toSeconds());
    List<WebhookLoad.Webhook> webhooks = load.webhooks(count, "DELIVERED");
    Set<String> ids = idsOf(webhooks);
    Instant start = Instant.now();
    load.postAtRate(webhooks, perSecond);
    awaitAccepted(ids);
    System.out.printf(
        "%nlatency: %,d notifications offered at %d/s for %s (%,d refused by ingest)%n",
        count, perSecond, duration, load.rejected());
    System.out.printf(
        "  at the provider: last send %.1f s after the first webhook%n",
        seconds(start, lastAcceptance(ids)));
    printLatency(ids);
  }

  /**
   * {@code count} IN_TRANSIT notifications (not exempt from quiet hours) posted while the notifier
   * is in quiet hours until {@code windowEnd}; then how long their release took.
   */
  void held(int count, Instant windowEnd) throws Exception {
    List<WebhookLoad.Webhook> webhooks = load.webhooks(count, "IN_TRANSIT");
    Set<String> ids = idsOf(webhooks);
    Instant start = Instant.now();
    load.postAll(webhooks, 4);
    Instant posted = Instant.now();
    long heldBeforeEnd = 0;
    while (Instant.now().isBefore(windowEnd)) {
      heldBeforeEnd = stateCount("HELD");
      Thread.sleep(2_000);
    }
    long sentEarly = provider.acceptedOf(ids);
    awaitAccepted(ids);
    Instant firstSend = firstAcceptance(ids);
    Instant lastSend = lastAcceptance(ids);
    System.out.printf(
        "%nheld: %,d notifications posted in %.1f s during quiet hours (%,d refused by ingest);"
            + " HELD in the history before the window ended: %,d; sent before it ended: %,d%n",
        count, seconds(start, posted), load.rejected(), heldBeforeEnd, sentEarly);
    System.out.printf(
        "  released: first send %.1f s after the window ended (the release job polls every 30 s),"
            + " last send %.1f s after it ended: %.0f notifications/s from first to last%n",
        seconds(windowEnd, firstSend),
        seconds(windowEnd, lastSend),
        count / seconds(firstSend, lastSend));
  }

  private void printLatency(Set<String> ids) {
    List<Long> millis = new ArrayList<>();
    for (String id : ids) {
      Instant sent = load.sentAt(id);
      Instant accepted = provider.acceptedAt(id);
      if (sent != null && accepted != null) {
        millis.add(Duration.between(sent, accepted).toMillis());
      }
    }
    millis.sort(null);
    System.out.printf(
        "  webhook→send latency: p50 %d ms, p99 %d ms, max %d ms%n",
        percentile(millis, 0.50), percentile(millis, 0.99), millis.get(millis.size() - 1));
  }

  private void awaitAccepted(Set<String> ids) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    long accepted;
    while ((accepted = provider.acceptedOf(ids)) < ids.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "only " + accepted + " of " + ids.size() + " sent within " + PATIENCE);
      }
      Thread.sleep(100);
    }
  }

  /** Waits until {@code count} more are SENT than {@code before}, or until {@code deadline}. */
  private Settled awaitSent(long before, int count, Instant deadline) throws Exception {
    long sent;
    while ((sent = sent() - before) < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    return new Settled(sent, Instant.now());
  }

  private record Settled(long sent, Instant at) {}

  private long sent() throws Exception {
    return stateCount("SENT");
  }

  private long stateCount(String state) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            services.url("report-service") + "/api/notifications/stats?window=P1D"))
                    .header("Authorization", services.viewerBearer())
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    JsonNode counts = JSON.readTree(body).path("counts");
    return counts.path(state).asLong(0);
  }

  private Instant firstAcceptance(Set<String> ids) {
    return ids.stream().map(provider::acceptedAt).min(Instant::compareTo).orElseThrow();
  }

  private Instant lastAcceptance(Set<String> ids) {
    return ids.stream().map(provider::acceptedAt).max(Instant::compareTo).orElseThrow();
  }

  private static Set<String> idsOf(List<WebhookLoad.Webhook> webhooks) {
    Set<String> ids = new HashSet<>();
    webhooks.forEach(webhook -> ids.addAll(webhook.ids().keySet()));
    return ids;
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(1, Duration.between(from, to).toMillis()) / 1000.0;
  }

  private static long percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}

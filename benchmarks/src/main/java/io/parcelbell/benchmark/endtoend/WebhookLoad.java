package io.parcelbell.benchmark.endtoend;

import io.parcelbell.contracts.NotificationIds;
import io.parcelbell.localstack.demo.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed DeliveryAPI webhooks of several items each (one parcel per item, a fresh tracking number
 * each), posted to ingest; remembers when each notification's webhook was sent.
 */
final class WebhookLoad {

  private static final AtomicLong TRACKING = new AtomicLong(System.currentTimeMillis() * 1000);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String ingestUrl;
  private final String secret;
  private final int itemsPerWebhook;
  private final String phone;
  private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
  private final AtomicInteger rejected = new AtomicInteger();

  /** {@code phone}: the local stack's demo phone, one the sandbox delivers to. */
  WebhookLoad(String ingestUrl, String secret, int itemsPerWebhook, String phone) {
    this.ingestUrl = ingestUrl;
    this.phone = phone;
    this.secret = secret;
    this.itemsPerWebhook = itemsPerWebhook;
  }

  /** Webhooks for {@code count} new parcels in {@code status}: notification id → tracking. */
  List<Webhook> webhooks(int count, String status) {
    List<Webhook> webhooks = new ArrayList<>();
    for (int start = 0; start < count; start += itemsPerWebhook) {
      int items = Math.min(itemsPerWebhook, count - start);
      Map<String, String> ids = new LinkedHashMap<>();
      for (int i = 0; i < items; i++) {
        String tracking = String.valueOf(TRACKING.incrementAndGet());
        ids.put(NotificationIds.of("cj", tracking, status), tracking);
      }
      webhooks.add(new Webhook(ids, body(ids.values(), status, phone)));
    }
    return webhooks;
  }

  /** Posts them all, {@code concurrency} at a time, as fast as ingest answers. */
  void postAll(List<Webhook> webhooks, int concurrency) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<?>> posts = new ArrayList<>();
    for (Webhook webhook : webhooks) {
      inFlight.acquire();
      posts.add(post(webhook).whenComplete((done, failure) -> inFlight.release()));
    }
    CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
  }

  /** Posts them paced so that {@code perSecond} notifications are offered each second. */
  void postAtRate(List<Webhook> webhooks, int perSecond) throws InterruptedException {
    long start = System.nanoTime();
    List<CompletableFuture<?>> posts = new ArrayList<>();
    long offered = 0;
    for (Webhook webhook : webhooks) {
      long due = start + offered * 1_000_000_000L / perSecond;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      posts.add(post(webhook));
      offered += webhook.ids().size();
    }
    CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
  }

  Instant sentAt(String notificationId) {
    return sentAt.get(notificationId);
  }

  int rejected() {
    return rejected.get();
  }

  private CompletableFuture<?> post(Webhook webhook) {
    Instant now = Instant.now();
    long timestamp = now.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ingestUrl + "/api/webhook/delivery"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Webhook-Timestamp", String.valueOf(timestamp))
            .header("X-Webhook-Signature", WebhookSignature.sign(secret, timestamp, webhook.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
            .build();
    webhook.ids().keySet().forEach(id -> sentAt.put(id, now));
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure != null || response.statusCode() / 100 != 2) {
                rejected.addAndGet(webhook.ids().size());
              }
              return null;
            });
  }

  private static byte[] body(Iterable<String> trackingNumbers, String status, String phone) {
    StringBuilder json = new StringBuilder("{\"event\":\"tracking.status_changed\",\"items\":[");
    boolean first = true;
    for (String tracking : trackingNumbers) {
      json.append(first ? "" : ",")
          .append("{\"clientId\":\"ORD-")
          .append(tracking)
          .append("\",\"courierCode\":\"cj\",\"trackingNumber\":\"")
          .append(tracking)
          .append("\",\"currentStatus\":\"")
          .append(status)
          .append("\",\"isDelivered\":")
          .append("DELIVERED".equals(status))
          .append(",\"trackingData\":{\"deliveryStatusText\":\"상태\",\"lastLocation\":\"서울 강남\"}}");
      first = false;
    }
    json.append(
        "],\"metadata\":{\"orderId\":\"ORD-BENCH\",\"customerPhone\":\""
            + phone
            + "\",\"customerName\":\"홍길동\",\"productName\":\"제주 감귤 5kg\",\"courierName\":\"CJ대한통운\"}}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One webhook: the notification ids it causes (→ tracking number) and its body. */
  record Webhook(Map<String, String> ids, byte[] body) {}
}

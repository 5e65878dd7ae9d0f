package io.parcelbell.ingest.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What ops watch on ingest. Tags carry codes only, never shipment or customer data. */
final class WebhookMetrics {

  static final String RECEIVED = "parcelbell.ingest.webhooks.received";
  static final String REJECTED = "parcelbell.ingest.webhooks.rejected";
  static final String PUBLISHED = "parcelbell.ingest.items.published";
  static final String PUBLISH_LATENCY = "parcelbell.ingest.publish.latency";

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter published;
  // Registered once: looking a meter up by name and tags on every webhook showed in the profile.
  private final Timer publishAcked;
  private final Timer publishFailed;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received =
        Counter.builder(RECEIVED).description("DeliveryAPI webhooks received").register(registry);
    this.published =
        Counter.builder(PUBLISHED)
            .description("Shipment events acknowledged by Kafka")
            .register(registry);
    this.publishAcked = publishTimer("acked");
    this.publishFailed = publishTimer("failed");
  }

  private Timer publishTimer(String outcome) {
    return Timer.builder(PUBLISH_LATENCY)
        .description("Time from send to Kafka acknowledging every item of a webhook")
        .tag("outcome", outcome)
        .register(registry);
  }

  void received() {
    received.increment();
  }

  void published(int items) {
    published.increment(items);
  }

  void rejected(String code) {
    Counter.builder(REJECTED)
        .description("Webhooks answered with an error, by problem code")
        .tag("reason", code)
        .register(registry)
        .increment();
  }

  Timer.Sample startPublish() {
    return Timer.start(registry);
  }

  void publishAcked(Timer.Sample sample) {
    sample.stop(publishAcked);
  }

  void publishFailed(Timer.Sample sample) {
    sample.stop(publishFailed);
  }
}

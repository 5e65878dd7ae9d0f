package io.parcelbell.ingest.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.ingest.config.IngestProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the webhook feature from {@link IngestProperties}. */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

  @Bean
  SignatureVerifier signatureVerifier(IngestProperties properties, Clock clock) {
    return new SignatureVerifier(
        properties.webhookSecret(), properties.timestampTolerance(), clock);
  }

  @Bean
  RawBodyReader rawBodyReader(IngestProperties properties) {
    return new RawBodyReader((int) properties.maxBodySize().toBytes());
  }

  @Bean
  DeliveryWebhookParser deliveryWebhookParser(Clock clock) {
    return new DeliveryWebhookParser(clock);
  }

  @Bean
  WebhookMetrics webhookMetrics(MeterRegistry registry) {
    return new WebhookMetrics(registry);
  }

  @Bean
  ShipmentPublisher shipmentPublisher(
      KafkaTemplate<String, ParcelbellEvent> template,
      ObjectProvider<Propagator> propagator,
      Scheduler kafkaSendThread,
      IngestProperties properties,
      WebhookMetrics metrics) {
    Propagator headers = propagator.getIfAvailable();
    TraceHeaders traceHeaders = headers == null ? TraceHeaders.NONE : new TraceHeaders(headers);
    return new ShipmentPublisher(
        template, traceHeaders, kafkaSendThread, properties.publishTimeout(), metrics);
  }

  /** Disposed after the web server's graceful shutdown has let in-flight webhooks finish. */
  @Bean(destroyMethod = "dispose")
  Scheduler kafkaSendThread() {
    return Schedulers.newSingle("kafka-send");
  }
}

package io.parcelbell.ingest.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.ingest.config.IngestProperties;
import java.time.Clock;
import java.util.Set;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;
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

  @Bean
  WebhookHandler webhookHandler(
      RawBodyReader bodyReader,
      SignatureVerifier verifier,
      DeliveryWebhookParser parser,
      ShipmentPublisher publisher,
      WebhookMetrics metrics) {
    return new WebhookHandler(bodyReader, verifier, parser, publisher, metrics);
  }

  /** Documented by the handler method's annotations (springdoc reads them through beanMethod). */
  @Bean
  @RouterOperation(
      path = WebhookHandler.PATH,
      method = RequestMethod.POST,
      beanClass = WebhookHandler.class,
      beanMethod = "receive")
  RouterFunction<ServerResponse> webhookRoute(WebhookHandler handler) {
    return RouterFunctions.route(RequestPredicates.POST(WebhookHandler.PATH), handler::receive)
        // Any other method: 405 with Allow, as for a controller, not the 404 a route alone gives.
        .andRoute(
            RequestPredicates.path(WebhookHandler.PATH),
            request ->
                Mono.error(
                    new MethodNotAllowedException(request.method(), Set.of(HttpMethod.POST))));
  }

  /** Disposed after the web server's graceful shutdown has let in-flight webhooks finish. */
  @Bean(destroyMethod = "dispose")
  Scheduler kafkaSendThread() {
    return Schedulers.newSingle("kafka-send");
  }
}

package io.parcelbell.report.intake;

import io.micrometer.observation.ObservationRegistry;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.store.RawReport;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes an accepted report durable in Kafka ({@link ReportTopic}); the caller answers Bizgo when
 * the returned Mono completes. Kafka, not MongoDB, is what the answer waits for, so a slow or
 * absent MongoDB never makes Bizgo retry: {@link ReportListener} stores and applies the report when
 * MongoDB can take it.
 *
 * <p>The producer is its own (acks=all and idempotence from application.yml, byte[] values): a
 * KafkaTemplate or ProducerFactory bean would switch off the auto-configured ones the outcome
 * publisher uses, so it is built here rather than in the context.
 */
@Component
class ReportIntake implements DisposableBean {

  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final KafkaTemplate<String, byte[]> kafka;
  private final ReportMetrics metrics;
  private final Duration persistTimeout;

  ReportIntake(
      KafkaProperties kafkaProperties,
      ReportMetrics metrics,
      ReportProperties properties,
      ObservationRegistry observations) {
    this.metrics = metrics;
    this.persistTimeout = properties.bizgo().persistTimeout();
    Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.remove("parcelbell.cloudevents.source"); // the events' serializer's, not ours
    // send() blocks while it has no metadata; past our deadline that wait is useless.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, persistTimeout.toMillis());
    this.producers = new DefaultKafkaProducerFactory<>(config);
    this.kafka = new KafkaTemplate<>(producers);
    // Not a bean, so spring.kafka.template.observation-enabled does not reach it: the trace of the
    // webhook request continues into the report listener through the record's headers.
    kafka.setObservationEnabled(true);
    kafka.setObservationRegistry(observations);
  }

  /**
   * Completes once Kafka acknowledged the report; errors (also on timeout) when it did not within
   * the persist timeout. A send that times out here may still land later: the report is then
   * processed and Bizgo's retry of it is a harmless duplicate.
   */
  Mono<Void> accept(RawReport report, byte[] body, InetAddress client) {
    var record = new ProducerRecord<String, byte[]>(ReportTopic.NAME, report.msgKey(), body);
    record
        .headers()
        .add(
            ReportTopic.RECEIVED_AT,
            report.receivedAt().toString().getBytes(StandardCharsets.UTF_8));
    if (client != null) {
      record
          .headers()
          .add(ReportTopic.CLIENT_IP, client.getHostAddress().getBytes(StandardCharsets.UTF_8));
    }
    // Never on the event loop: the first send (and any without metadata) blocks. On timeout only
    // the dependent future is cancelled; the send itself is neither interrupted nor withdrawn (a
    // report that lands late is merely processed twice). InTrace: the webhook request's trace
    // continues into the record's headers.
    return InTrace.call(() -> Mono.fromFuture(kafka.send(record)))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(persistTimeout)
        .doOnSuccess(sent -> metrics.reportReceived(report.receivedAt()))
        .then();
  }

  @Override
  public void destroy() {
    producers.destroy();
  }
}

package io.parcelbell.contracts.audit;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.contracts.tracing.InTrace;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Puts a record on {@code parcelbell.audit.v1}, CloudEvents headers as on every other topic. */
final class AuditPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final String source;

  AuditPublisher(KafkaTemplate<String, byte[]> kafka, String service) {
    this.kafka = kafka;
    this.source = "/parcelbell/" + service;
  }

  Mono<Void> publish(AuditRecorded record) {
    ProducerRecord<String, byte[]> message =
        new ProducerRecord<>(Topics.AUDIT, record.key(), json(record));
    header(message, CloudEventHeaders.ID, record.auditId());
    header(message, CloudEventHeaders.TYPE, AuditRecorded.TYPE);
    header(message, CloudEventHeaders.SOURCE, source);
    header(message, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    header(message, CloudEventHeaders.TIME, record.occurredAt().toString());
    header(message, CloudEventHeaders.SUBJECT, record.key());
    header(message, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    // send() can block on broker metadata: not on an event-loop thread. The request's trace
    // carries on into the record.
    return InTrace.call(() -> Mono.fromFuture(kafka.send(message)))
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel())
        .then();
  }

  static byte[] json(AuditRecorded record) {
    return EventJson.mapper().writeValueAsBytes(record);
  }

  private static void header(ProducerRecord<String, byte[]> message, String name, String value) {
    message.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

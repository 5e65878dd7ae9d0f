package io.parcelbell.report.audit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The audit topic's producer, closed (and flushed) with the context. */
final class AuditProducer implements DisposableBean {

  private final DefaultKafkaProducerFactory<String, byte[]> factory;
  private final KafkaTemplate<String, byte[]> template;

  AuditProducer(DefaultKafkaProducerFactory<String, byte[]> factory) {
    this.factory = factory;
    this.template = new KafkaTemplate<>(factory);
  }

  KafkaTemplate<String, byte[]> template() {
    return template;
  }

  @Override
  public void destroy() {
    factory.destroy();
  }
}

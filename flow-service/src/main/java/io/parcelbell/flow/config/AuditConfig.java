package io.parcelbell.flow.config;

import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The audit log of every change an admin or operator makes through this API (AuditTrail in
 * shared-contracts): stored in MongoDB, published on {@code parcelbell.audit.v1} (report-service
 * keeps the whole log and serves it), relayed later when Kafka was down.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfig {

  private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

  @Bean
  AuditStore auditStore(ReactiveMongoTemplate mongo) {
    return new AuditStore(mongo);
  }

  /**
   * Its own producer, held rather than exposed: a ProducerFactory or KafkaTemplate bean would make
   * Spring Boot's auto-configured ones (the events') back off.
   */
  @Bean
  AuditProducer auditProducer(KafkaProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // Fail fast while Kafka is down (the record waits in MongoDB for the relay).
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    return new AuditProducer(new DefaultKafkaProducerFactory<>(config));
  }

  @Bean
  AuditTrail auditTrail(
      AuditStore store,
      AuditProducer producer,
      Clock clock,
      @Value("${spring.application.name}") String service) {
    return new AuditTrail(store, producer.template, clock, service);
  }

  @Bean
  AuditRelay auditRelay(AuditTrail trail) {
    return new AuditRelay(trail);
  }

  /** Publishes the records stored while Kafka was unreachable, once a minute old. */
  static final class AuditRelay {
    private final AuditTrail trail;

    AuditRelay(AuditTrail trail) {
      this.trail = trail;
    }

    @Scheduled(fixedDelayString = "${parcelbell.flow.audit-relay-interval:30s}")
    void relay() {
      try {
        Long published =
            trail.publishPending(Duration.ofMinutes(1), 500).block(Duration.ofMinutes(2));
        if (published != null && published > 0) {
          log.info("published {} audit records stored while Kafka was unreachable", published);
        }
      } catch (RuntimeException e) {
        log.warn("audit relay: {}; next try in the next interval", e.toString());
      }
    }
  }

  /** The audit topic's producer, closed (and flushed) with the context. */
  static final class AuditProducer implements DisposableBean {
    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    AuditProducer(DefaultKafkaProducerFactory<String, byte[]> factory) {
      this.factory = factory;
      this.template = new KafkaTemplate<>(factory);
    }

    @Override
    public void destroy() {
      factory.destroy();
    }
  }
}

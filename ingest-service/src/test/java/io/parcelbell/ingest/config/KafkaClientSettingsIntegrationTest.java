package io.parcelbell.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.KafkaClientSettings;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer settings as the Kafka client resolves them (defaults included), not as written in
 * application.yml: a client upgrade that changed a default or a meaning fails here. The webhook's
 * 200 claims "Kafka durably holds it", which needs acks from every in-sync replica and idempotence.
 */
@IngestIntegrationTest
class KafkaClientSettingsIntegrationTest {

  @Autowired ProducerFactory<?, ?> producers;

  @Test
  void theProducerIsIdempotentAndWaitsForEveryInSyncReplica() {
    ProducerConfig config =
        KafkaClientSettings.assertSafeProducer(producers.getConfigurationProperties());

    assertThat(config.getInt(ProducerConfig.RETRIES_CONFIG)).isPositive();
    // DeliveryAPI gives up after 3 s; a send must fail well before it, so ingest answers 503.
    assertThat(config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
        .isLessThanOrEqualTo(10_000);
  }
}

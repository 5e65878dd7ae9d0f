package io.parcelbell.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

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
    var config = new ProducerConfig(producers.getConfigurationProperties());

    assertThat(config.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
    assertThat(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
    // Idempotence keeps order per partition only with at most 5 requests in flight.
    assertThat(config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isBetween(1, 5);
    assertThat(config.getInt(ProducerConfig.RETRIES_CONFIG)).isPositive();
    // DeliveryAPI gives up after 3 s; a send must fail well before it, so ingest answers 503.
    assertThat(config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
        .isLessThanOrEqualTo(10_000);
  }
}

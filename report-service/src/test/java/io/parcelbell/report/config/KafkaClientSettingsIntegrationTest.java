package io.parcelbell.report.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.report.support.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * The client settings as the Kafka client resolves them (defaults included), not as written in
 * application.yml: a client upgrade that changed a default or a meaning fails here. Events are
 * published idempotently with acks from every in-sync replica; offsets are committed by the
 * listener container after the listener finished, never by the client's auto-commit.
 */
@IntegrationTest
class KafkaClientSettingsIntegrationTest {

  @Autowired ProducerFactory<?, ?> producers;
  @Autowired ConsumerFactory<?, ?> consumers;
  @Autowired ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory;

  @Test
  void theProducerIsIdempotentAndWaitsForEveryInSyncReplica() {
    var config = new ProducerConfig(producers.getConfigurationProperties());

    assertThat(config.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
    assertThat(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
    // Idempotence keeps order per partition only with at most 5 requests in flight.
    assertThat(config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isBetween(1, 5);
  }

  @Test
  void theConsumerCommitsOnlyWhatTheListenerFinished() {
    var properties = consumers.getConfigurationProperties();
    var config = new ConsumerConfig(properties);

    // Unset: spring-kafka's container then turns the client's auto-commit off and commits itself.
    assertThat(properties).doesNotContainKey(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    assertThat(kafkaListenerContainerFactory.getContainerProperties().getAckMode())
        .isIn(AckMode.BATCH, AckMode.RECORD);
    assertThat(config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
    // Kafka 4 keeps the classic group protocol by default; the new one changes rebalancing.
    assertThat(config.getString(ConsumerConfig.GROUP_PROTOCOL_CONFIG)).isEqualTo("classic");
    assertThat(config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
        .isEqualTo("read_uncommitted");
  }
}

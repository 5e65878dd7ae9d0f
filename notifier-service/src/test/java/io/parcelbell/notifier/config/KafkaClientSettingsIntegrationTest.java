package io.parcelbell.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.KafkaClientSettings;
import io.parcelbell.notifier.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/** This service's Kafka clients as the client resolves them (see KafkaClientSettings). */
@IntegrationTest
class KafkaClientSettingsIntegrationTest {

  @Autowired ProducerFactory<?, ?> producers;
  @Autowired ConsumerFactory<?, ?> consumers;
  @Autowired ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory;

  @Test
  void theProducerIsIdempotentAndWaitsForEveryInSyncReplica() {
    KafkaClientSettings.assertSafeProducer(producers.getConfigurationProperties());
  }

  @Test
  void theConsumerCommitsOnlyWhatTheListenerFinished() {
    KafkaClientSettings.assertContainerManagedConsumer(consumers.getConfigurationProperties());
    assertThat(kafkaListenerContainerFactory.getContainerProperties().getAckMode())
        .isIn(AckMode.BATCH, AckMode.RECORD);
  }
}

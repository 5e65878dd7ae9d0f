package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings every service relies on, checked as the client resolves them (defaults
 * included), so a client upgrade that changed a default or a meaning fails the build.
 */
public final class KafkaClientSettings {

  private KafkaClientSettings() {}

  /** Idempotent, acknowledged by every in-sync replica, in order per partition. */
  public static ProducerConfig assertSafeProducer(Map<String, Object> properties) {
    var config = new ProducerConfig(properties);
    assertThat(config.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
    assertThat(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
    // Idempotence keeps order per partition only with at most 5 requests in flight.
    assertThat(config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isBetween(1, 5);
    return config;
  }

  /**
   * Offsets committed by spring-kafka's container after the listener finished, never by the
   * client's auto-commit; the classic group protocol (Kafka 4's default; the new one rebalances
   * differently); uncommitted reads (no producer here is transactional).
   */
  public static void assertContainerManagedConsumer(Map<String, Object> properties) {
    var config = new ConsumerConfig(properties);
    // Unset: spring-kafka's container then turns the client's auto-commit off and commits itself.
    assertThat(properties).doesNotContainKey(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    assertThat(config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
    assertThat(config.getString(ConsumerConfig.GROUP_PROTOCOL_CONFIG)).isEqualTo("classic");
    assertThat(config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
        .isEqualTo("read_uncommitted");
  }
}

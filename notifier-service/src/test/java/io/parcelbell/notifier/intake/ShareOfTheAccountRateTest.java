package io.parcelbell.notifier.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ShareOfTheAccountRateTest {

  private final RateLimiter limiter = RateLimiter.ofDefaults("bizgo-test");
  private final ShareOfTheAccountRate share =
      new ShareOfTheAccountRate(
          new BizgoPolicies(Retry.ofDefaults("r"), limiter, CircuitBreaker.ofDefaults("c")),
          properties(500));

  @Test
  void aloneUntilAssignedThenTheShareOfTheShipmentPartitions() {
    assertThat(permits()).isEqualTo(500);

    MockConsumer<String, String> consumer = consumerOf(Topics.SHIPMENT_STATUS, 12);
    consumer.rebalance(partitions(Topics.SHIPMENT_STATUS, 0, 1, 2, 3));
    share.onPartitionsAssigned(consumer, consumer.assignment());
    assertThat(permits()).as("4 of 12 partitions").isEqualTo(166);

    consumer.rebalance(partitions(Topics.SHIPMENT_STATUS, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    share.onPartitionsAssigned(consumer, consumer.assignment());
    assertThat(permits()).as("the other replicas left").isEqualTo(500);

    consumer.rebalance(List.of());
    share.onPartitionsRevokedAfterCommit(consumer, List.of());
    assertThat(permits()).as("no shipment partitions: fallbacks and releases only").isEqualTo(1);
  }

  @Test
  void theOutcomeTopicsConsumerChangesNothing() {
    MockConsumer<String, String> consumer = consumerOf(Topics.NOTIFICATION_OUTCOME, 12);
    consumer.rebalance(partitions(Topics.NOTIFICATION_OUTCOME, 0));
    share.onPartitionsAssigned(consumer, consumer.assignment());
    assertThat(permits()).isEqualTo(500);
  }

  private int permits() {
    return limiter.getRateLimiterConfig().getLimitForPeriod();
  }

  private static MockConsumer<String, String> consumerOf(String topic, int partitions) {
    MockConsumer<String, String> consumer =
        new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    consumer.subscribe(List.of(topic));
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        topic,
        IntStream.range(0, partitions)
            .mapToObj(p -> new PartitionInfo(topic, p, node, new Node[0], new Node[0]))
            .toList());
    return consumer;
  }

  private static List<TopicPartition> partitions(String topic, int... numbers) {
    return IntStream.of(numbers).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }

  private static NotifierProperties properties(int accountRate) {
    return new NotifierProperties(
        new NotifierProperties.Bizgo(
            "http://localhost:8090",
            "k",
            "s",
            "15880000",
            Duration.ofHours(24),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            accountRate),
        null,
        Duration.ofHours(24),
        Duration.ofSeconds(60),
        256,
        Map.of());
  }
}

package io.parcelbell.notifier.intake;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.parcelbell.contracts.Topics;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Bizgo limits the sends of the whole account ({@code parcelbell.notifier.bizgo.account-rate} a
 * second; beyond it it answers A020). Each replica's {@code bizgo} rate limiter gets the share of
 * that rate that its share of the shipment topic's partitions is: with 12 partitions and three
 * replicas holding 4 each, a third each; alone, all of it. Recomputed at every rebalance, so
 * replicas joining or leaving re-divide the account rate among themselves with no coordination
 * beyond the consumer group's. A replica without shipment partitions keeps 1 send/s for its
 * fallbacks and quiet-hours releases.
 */
@Component
class ShareOfTheAccountRate implements ConsumerAwareRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(ShareOfTheAccountRate.class);

  private final RateLimiter limiter;
  private final int accountRate;
  private final int concurrency;
  private final Duration longestWait;

  ShareOfTheAccountRate(BizgoPolicies policies, NotifierProperties properties) {
    this.limiter = policies.rateLimiter();
    this.accountRate = properties.bizgo().accountRate();
    this.concurrency = properties.concurrency();
    // A permit wait must end well inside a step's timeout.
    this.longestWait = properties.stepTimeout().dividedBy(2);
    // Until the first assignment: alone, as far as this replica knows.
    apply(accountRate);
  }

  /**
   * The share, and a permit wait long enough for every notification in flight to get its permit
   * ({@code concurrency / share} seconds, plus one): at the limit work waits for permits instead of
   * failing fast and being retried.
   */
  private void apply(int share) {
    limiter.changeLimitForPeriod(share);
    Duration wait = Duration.ofSeconds(1 + (long) Math.ceil((double) concurrency / share));
    limiter.changeTimeoutDuration(wait.compareTo(longestWait) > 0 ? longestWait : wait);
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    divide(consumer);
  }

  @Override
  public void onPartitionsRevokedAfterCommit(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    divide(consumer);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    divide(consumer);
  }

  private void divide(Consumer<?, ?> consumer) {
    if (!consumer.subscription().contains(Topics.SHIPMENT_STATUS)) {
      return; // the outcome topic's consumer: its partitions say nothing about the send load
    }
    int total = consumer.partitionsFor(Topics.SHIPMENT_STATUS).size();
    long mine =
        consumer.assignment().stream()
            .filter(partition -> partition.topic().equals(Topics.SHIPMENT_STATUS))
            .count();
    int share = total == 0 ? accountRate : (int) Math.max(1, accountRate * mine / total);
    apply(share);
    log.info(
        "{} of {} shipment partitions: {} of the account's {} sends/s",
        mine,
        total,
        share,
        accountRate);
  }
}

package io.parcelbell.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parcelbell.contracts.Topics;
import java.lang.reflect.Constructor;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

class KafkaConfigTest {

  @Test
  void aBizgoOutageIsWaitedOutWithoutEverGivingUp() throws Exception {
    BackOff backOff =
        KafkaConfig.backOffFor(
            new ListenerExecutionFailedException("x", bizgoUnavailable()), Duration.ofSeconds(30));

    BackOffExecution execution = backOff.start();
    long last = 0;
    for (int i = 0; i < 1_000; i++) {
      last = execution.nextBackOff();
      assertThat(last).isNotEqualTo(BackOffExecution.STOP);
    }
    assertThat(last).isEqualTo(30_000);
  }

  @Test
  void theLongestPauseOfAnOutageIsConfigurable() throws Exception {
    BackOffExecution execution =
        KafkaConfig.backOffFor(
                new ListenerExecutionFailedException("x", bizgoUnavailable()),
                Duration.ofSeconds(2))
            .start();

    assertThat(execution.nextBackOff()).isEqualTo(1_000);
    for (int i = 0; i < 100; i++) {
      assertThat(execution.nextBackOff()).isEqualTo(2_000);
    }
  }

  @Test
  void otherFailuresGetTheBoundedDefault() {
    Duration max = Duration.ofSeconds(30);
    assertThat(KafkaConfig.backOffFor(new ListenerExecutionFailedException("x"), max)).isNull();
    assertThat(KafkaConfig.backOffFor(new IllegalStateException("mongo down"), max)).isNull();
  }

  @Test
  void createsTheProducedTopicAndTheDeadLetterTopicsOfTheConsumedOnes() {
    new ApplicationContextRunner()
        .withUserConfiguration(KafkaConfig.TopicCreation.class)
        .run(
            context ->
                assertThat(context.getBeansOfType(NewTopic.class).values())
                    .extracting(NewTopic::name, NewTopic::numPartitions)
                    .containsExactlyInAnyOrder(
                        tuple(Topics.NOTIFICATION_LIFECYCLE, 3),
                        tuple(Topics.SHIPMENT_STATUS + ".DLT", 3),
                        tuple(Topics.NOTIFICATION_OUTCOME + ".DLT", 3)));
    new ApplicationContextRunner()
        .withPropertyValues("parcelbell.kafka.create-topics=false")
        .withUserConfiguration(KafkaConfig.TopicCreation.class)
        .run(context -> assertThat(context.getBeansOfType(NewTopic.class)).isEmpty());
  }

  /** The exception's constructor is package-private to dispatch, as it should be. */
  private static RuntimeException bizgoUnavailable() throws Exception {
    Class<?> type = io.parcelbell.notifier.dispatch.BizgoUnavailableException.class;
    Constructor<?> constructor =
        type.getDeclaredConstructor(String.class, io.parcelbell.notifier.bizgo.BizgoResult.class);
    constructor.setAccessible(true);
    return (RuntimeException)
        constructor.newInstance(
            "cj:1:DELIVERED",
            new io.parcelbell.notifier.bizgo.BizgoResult.Unavailable("HTTP_503", "down"));
  }
}

package io.parcelbell.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import io.parcelbell.contracts.Topics;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOffExecution;

class KafkaConfigTest {

  @Test
  void everyFailureIsWaitedOutWithoutEverGivingUp() {
    BackOffExecution execution = KafkaConfig.waitItOut(Duration.ofSeconds(30)).start();

    long last = 0;
    // 1,000 redeliveries at 30 s: more than eight hours of an outage.
    for (int i = 0; i < 1_000; i++) {
      last = execution.nextBackOff();
      assertThat(last).isNotEqualTo(BackOffExecution.STOP);
    }
    assertThat(last).isEqualTo(30_000);
  }

  @Test
  void theLongestPauseOfAnOutageIsConfigurable() {
    BackOffExecution execution = KafkaConfig.waitItOut(Duration.ofSeconds(2)).start();

    assertThat(execution.nextBackOff()).isEqualTo(1_000);
    for (int i = 0; i < 100; i++) {
      assertThat(execution.nextBackOff()).isEqualTo(2_000);
    }
  }

  @Test
  void onlyARecordThatCanNeverSucceedIsDeadLettered() throws Exception {
    // Undeserializable, or invalid by the contract (the records validate while being read).
    assertThat(deadLetteredAtOnce(new DeserializationException("bad", new byte[0], false, null)))
        .isTrue();
    // Bizgo down, credentials rejected, MongoDB or Kafka unavailable, a bug: waited out.
    assertThat(deadLetteredAtOnce(bizgoUnavailable())).isFalse();
    assertThat(deadLetteredAtOnce(new IllegalStateException("mongo down"))).isFalse();
    assertThat(deadLetteredAtOnce(new DataAccessResourceFailureException("no server"))).isFalse();
    assertThat(deadLetteredAtOnce(new NullPointerException("a bug"))).isFalse();
  }

  /** One failed delivery of a record through the configured handler: recovered (DLT) or not. */
  private static boolean deadLetteredAtOnce(Exception cause) {
    DeadLetterPublishingRecoverer recoverer = mock(DeadLetterPublishingRecoverer.class);
    DefaultErrorHandler handler = KafkaConfig.errorHandler(recoverer, Duration.ofSeconds(30));
    ConsumerRecord<Object, Object> record = new ConsumerRecord<>("t", 0, 0L, "k", "v");

    try {
      handler.handleRemaining(
          new ListenerExecutionFailedException("x", cause),
          List.of(record),
          mock(Consumer.class),
          mock(MessageListenerContainer.class)); // not running: the back-off does not sleep
    } catch (RuntimeException e) {
      // RecordInRetryException (package-private): the handler's word to the container to seek
      // back and redeliver; nothing was recovered.
      assertThat(e.getClass().getSimpleName()).isEqualTo("RecordInRetryException");
    }

    return !mockingDetails(recoverer).getInvocations().isEmpty();
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
                        tuple(Topics.NOTIFICATION_LIFECYCLE, 12),
                        tuple(Topics.SHIPMENT_STATUS + ".DLT", 12),
                        tuple(Topics.NOTIFICATION_OUTCOME + ".DLT", 12),
                        tuple(Topics.NOTIFICATION_COMMANDS + ".DLT", 12)));
    new ApplicationContextRunner()
        .withPropertyValues("parcelbell.kafka.create-topics=false")
        .withUserConfiguration(KafkaConfig.TopicCreation.class)
        .run(context -> assertThat(context.getBeansOfType(NewTopic.class)).isEmpty());
  }

  /** The exception's constructor is package-private to attempts, as it should be. */
  private static RuntimeException bizgoUnavailable() throws Exception {
    Class<?> type = io.parcelbell.notifier.attempts.BizgoUnavailableException.class;
    Constructor<?> constructor =
        type.getDeclaredConstructor(String.class, io.parcelbell.notifier.bizgo.BizgoResult.class);
    constructor.setAccessible(true);
    return (RuntimeException)
        constructor.newInstance(
            "cj:1:DELIVERED",
            new io.parcelbell.notifier.bizgo.BizgoResult.Unavailable("HTTP_503", "down"));
  }
}

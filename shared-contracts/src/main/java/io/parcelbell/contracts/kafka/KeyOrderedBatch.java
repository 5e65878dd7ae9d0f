package io.parcelbell.contracts.kafka;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Works through one polled batch: records of different keys (shipments, notifications, msgKeys)
 * concurrently, up to {@code concurrency} at once (each service's setting), the records of one key
 * strictly in order, each as a non-blocking Mono. The listener thread waits for the whole batch,
 * once. Shared by every service's batch listeners, so all of them keep order and commit the same
 * way.
 *
 * <p>Offsets stay spring-kafka's business: when records fail, the earliest one (in the batch's
 * partition and offset order) is reported as a {@link BatchListenerFailedException}; the error
 * handler commits every record before it (all of them done: a key stops at its first failure, and
 * the other keys ran to their end) and redelivers it and everything after it, where records that
 * were already handled are found handled (every effect is idempotent).
 *
 * <p>Each record is observed as spring-kafka observes a record listener, so its trace (from the
 * producer's {@code traceparent} header) carries on into the logs of everything it causes.
 */
public final class KeyOrderedBatch {

  private static final LogAccessor LOG = new LogAccessor(KeyOrderedBatch.class);

  private final ObservationRegistry observations;
  private final int concurrency;

  private final String groupId;
  private final Duration recordTimeout;

  /**
   * @param concurrency how many keys are worked on at once
   * @param groupId the listeners' consumer group, for the observations
   */
  public KeyOrderedBatch(ObservationRegistry observations, int concurrency, String groupId) {
    this(observations, concurrency, groupId, null);
  }

  /**
   * @param recordTimeout how long one record may take before it fails (and is retried): a hung
   *     connection must not hold the consumer thread past max.poll.interval.ms; null for no bound
   *     (the handlers bound their own steps)
   */
  public KeyOrderedBatch(
      ObservationRegistry observations, int concurrency, String groupId, Duration recordTimeout) {
    this.recordTimeout = recordTimeout;
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    this.observations = observations;
    this.groupId = groupId;
    this.concurrency = concurrency;
  }

  /** Hands each record's value to {@code handler}; see {@link #processRecords}. */
  public <V> void process(
      String listenerId, List<ConsumerRecord<String, V>> records, Function<V, Mono<Void>> handler) {
    processRecords(listenerId, records, record -> handler.apply(record.value()));
  }

  /**
   * Hands each record to {@code handler} and returns once all are done; throws {@link
   * BatchListenerFailedException} naming the earliest record that failed.
   */
  public <V> void processRecords(
      String listenerId,
      List<ConsumerRecord<String, V>> records,
      Function<ConsumerRecord<String, V>, Mono<Void>> handler) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      byKey.computeIfAbsent(keyOf(records.get(i)), key -> new ArrayList<>()).add(i);
    }
    List<Failure> failures =
        Flux.fromIterable(byKey.values())
            .flatMap(
                indexes ->
                    Flux.fromIterable(indexes)
                        .concatMap(
                            i ->
                                Mono.defer(() -> handle(listenerId, i, records.get(i), handler))
                                    .onErrorMap(
                                        e -> !(e instanceof Failure),
                                        e -> new Failure(i, records.get(i), e)))
                        .then(Mono.<Failure>empty())
                        .onErrorResume(Failure.class, Mono::just),
                concurrency)
            .collectList()
            .block();
    if (failures != null && !failures.isEmpty()) {
      Failure first = failures.stream().min(Comparator.comparingInt(Failure::index)).orElseThrow();
      throw new BatchListenerFailedException(first.getMessage(), first.getCause(), first.index());
    }
  }

  private <V> Mono<Void> handle(
      String listenerId,
      int index,
      ConsumerRecord<String, V> record,
      Function<ConsumerRecord<String, V>, Mono<Void>> handler) {
    DeserializationException poison =
        SerializationUtils.getExceptionFromHeader(
            record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    if (poison != null || record.value() == null) {
      // A tombstone is not an event either: dead-lettered, never retried (it could never succeed).
      Throwable cause =
          poison != null
              ? poison
              : new DeserializationException("record without a value", new byte[0], false, null);
      return Mono.error(new Failure(index, record, cause));
    }
    Observation observation =
        KafkaListenerObservation.LISTENER_OBSERVATION.observation(
            null,
            KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
            () -> new KafkaRecordReceiverContext(record, listenerId, listenerId, groupId, () -> ""),
            observations);
    observation.start();
    // The observation is current while the handler builds its work (what it logs right away has
    // the record's trace); what runs later finds it in Reactor's context (see InTrace).
    Mono<Void> work =
        Mono.defer(
            () -> {
              try (Observation.Scope scope = observation.openScope()) {
                return handler.apply(record);
              }
            });
    if (recordTimeout != null) {
      work = work.timeout(recordTimeout);
    }
    return work.contextWrite(
            context -> context.put(ObservationThreadLocalAccessor.KEY, observation))
        .doOnError(observation::error)
        .doFinally(signal -> observation.stop())
        .onErrorMap(e -> new Failure(index, record, e));
  }

  /** Records without a key have no order to keep: each is its own group. */
  private static String keyOf(ConsumerRecord<String, ?> record) {
    return record.key() != null
        ? "k:" + record.key()
        : "o:" + record.partition() + ":" + record.offset();
  }

  /** The failure of the record at {@code index} of the batch. */
  private static final class Failure extends RuntimeException {

    private final int index;

    Failure(int index, ConsumerRecord<String, ?> record, Throwable cause) {
      super(
          "record "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + " failed: "
              + cause,
          cause,
          false,
          false);
      this.index = index;
    }

    int index() {
      return index;
    }
  }
}

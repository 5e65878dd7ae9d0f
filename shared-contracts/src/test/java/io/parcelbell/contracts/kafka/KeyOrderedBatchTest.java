package io.parcelbell.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import reactor.core.publisher.Mono;

class KeyOrderedBatchTest {

  private final KeyOrderedBatch batch = batch(64);

  @Test
  void differentKeysRunConcurrentlyAndOneKeysRecordsInOrder() {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(record(i, "shipment-" + (i % 10), "status-" + (i / 10)));
    }
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    Map<String, List<String>> seen = new ConcurrentHashMap<>();

    batch.process(
        "test",
        records,
        value ->
            Mono.fromRunnable(
                    () -> mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                .then(Mono.delay(Duration.ofMillis(20)))
                .then(
                    Mono.fromRunnable(
                        () -> {
                          inFlight.decrementAndGet();
                          String[] parts = value.split("/");
                          seen.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>())
                              .add(parts[1]);
                        })));

    assertThat(mostInFlight.get()).as("shipments handled at once").isEqualTo(10);
    assertThat(seen).hasSize(10);
    seen.values()
        .forEach(
            statuses ->
                assertThat(statuses)
                    .containsExactly("status-0", "status-1", "status-2", "status-3"));
  }

  @Test
  void theEarliestFailedRecordIsReportedAndItsKeyStopsThere() {
    List<ConsumerRecord<String, String>> records =
        List.of(
            record(0, "a", "first"),
            record(1, "b", "fails-late"),
            record(2, "a", "fails"),
            record(3, "a", "never"),
            record(4, "c", "fine"));
    List<String> handled = new CopyOnWriteArrayList<>();

    assertThatThrownBy(
            () ->
                batch.process(
                    "test",
                    records,
                    value ->
                        Mono.defer(
                            () -> {
                              handled.add(value);
                              return value.contains("fails")
                                  ? Mono.error(new IllegalStateException(value))
                                  : Mono.empty();
                            })))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            e -> {
              assertThat(e.getIndex()).isEqualTo(1);
              assertThat(e.getCause()).hasMessage("b/fails-late");
            });
    assertThat(handled)
        .containsExactlyInAnyOrder("a/first", "b/fails-late", "a/fails", "c/fine")
        .doesNotContain("a/never");
  }

  @Test
  void anUndeserializableRecordFailsWithItsDeserializationException() {
    ConsumerRecord<String, String> poison = record(0, "a", null);
    // As ErrorHandlingDeserializer records a failure: the value null, the exception in a header.
    SerializationUtils.deserializationException(
        poison.headers(),
        "not an event".getBytes(StandardCharsets.UTF_8),
        new IllegalArgumentException("not an event"),
        false);

    assertThatThrownBy(
            () -> batch.process("test", List.of(poison, record(1, "b", "ok")), v -> Mono.empty()))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            e -> {
              assertThat(e.getIndex()).isZero();
              assertThat(e.getCause()).isInstanceOf(DeserializationException.class);
            });
  }

  @Test
  void aRecordThatHangsFailsAfterTheRecordTimeoutAndIsNamed() {
    var bounded =
        new KeyOrderedBatch(ObservationRegistry.NOOP, 8, "test-group", Duration.ofMillis(200));
    List<ConsumerRecord<String, String>> records =
        List.of(record(0, "a", "s0"), record(1, "b", "s0"), record(2, "c", "s0"));

    assertThatThrownBy(
            () ->
                bounded.process(
                    "test", records, value -> value.startsWith("b/") ? Mono.never() : Mono.empty()))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1))
        .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
  }

  private static ConsumerRecord<String, String> record(int offset, String key, String status) {
    return new ConsumerRecord<>(
        "topic", 0, offset, key, status == null ? null : key + "/" + status);
  }

  private static KeyOrderedBatch batch(int concurrency) {
    return new KeyOrderedBatch(ObservationRegistry.NOOP, concurrency, "test-group");
  }
}

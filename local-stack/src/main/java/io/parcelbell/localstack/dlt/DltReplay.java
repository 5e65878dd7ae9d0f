package io.parcelbell.localstack.dlt;

import io.parcelbell.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Moves the records of a dead-letter topic back onto its source topic ({@code X.DLT} → {@code X}),
 * byte for byte: same key, same value, same CloudEvents headers, without the {@code kafka_dlt-*}
 * and {@code parcelbell_dlt-reason} headers that the error handler added. Only the records on the
 * DLT when it starts are taken; where it stopped is committed under its own consumer group, so a
 * second run replays only what was parked since. A dry run counts them, with their reasons, and
 * moves nothing.
 *
 * <p>At least once: a crash between sending and committing replays those records again, which the
 * consumers absorb (every effect is an idempotent upsert on the notification id).
 */
public final class DltReplay {

  /** The reason header parcelbell's error handlers add beside spring-kafka's. */
  static final String REASON_HEADER = "parcelbell_dlt-reason";

  static final String SPRING_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
  private static final String SPRING_DLT_PREFIX = "kafka_dlt-";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
  private static final int REASON_LENGTH = 120;

  /** What a run found (and, unless dry, moved): per reason, how many records. */
  public record Result(
      String deadLetterTopic,
      String sourceTopic,
      long records,
      Map<String, Long> reasons,
      boolean moved) {}

  private final Properties client;

  /** {@code client}: bootstrap.servers and any security settings of the Kafka clients. */
  public DltReplay(Properties client) {
    this.client = client;
  }

  public static String sourceOf(String deadLetterTopic) {
    if (!deadLetterTopic.endsWith(Topics.DLT_SUFFIX)
        || deadLetterTopic.length() == Topics.DLT_SUFFIX.length()) {
      throw new IllegalArgumentException(
          deadLetterTopic + " is not a dead-letter topic (<topic>" + Topics.DLT_SUFFIX + ")");
    }
    return deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DLT_SUFFIX.length());
  }

  public Result run(String deadLetterTopic, boolean dryRun) throws Exception {
    String source = sourceOf(deadLetterTopic);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(deadLetterTopic)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException(deadLetterTopic + " does not exist");
      }
      consumer.assign(partitions);
      // Only what is parked now: records dead-lettered during the run wait for the next one.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> parked = readUpTo(consumer, partitions, end);
      Map<String, Long> reasons = new TreeMap<>();
      parked.forEach(r -> reasons.merge(reasonOf(r), 1L, Long::sum));
      if (!dryRun && !parked.isEmpty()) {
        moveBack(parked, source);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        end.forEach((partition, offset) -> done.put(partition, new OffsetAndMetadata(offset)));
        consumer.commitSync(done);
      }
      return new Result(deadLetterTopic, source, parked.size(), reasons, !dryRun);
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readUpTo(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read the dead-letter topic to its end within " + READ_TIMEOUT);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(partition)) {
          parked.add(record);
        }
      }
    }
    return parked;
  }

  private void moveBack(List<ConsumerRecord<byte[], byte[]>> parked, String source)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : parked) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    source, null, record.key(), record.value(), original(record))));
      }
      for (Future<RecordMetadata> ack : sent) {
        ack.get(); // every record is on the source topic before the DLT offsets are committed
      }
    }
  }

  /** The record's headers as its producer wrote them: the dead-lettering headers removed. */
  private static RecordHeaders original(ConsumerRecord<byte[], byte[]> record) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(SPRING_DLT_PREFIX) && !header.key().equals(REASON_HEADER)) {
        headers.add(header);
      }
    }
    return headers;
  }

  static String reasonOf(ConsumerRecord<byte[], byte[]> record) {
    Header reason = record.headers().lastHeader(REASON_HEADER);
    if (reason == null) {
      reason = record.headers().lastHeader(SPRING_EXCEPTION_MESSAGE);
    }
    if (reason == null || reason.value() == null) {
      return "(no reason recorded)";
    }
    String text = new String(reason.value(), StandardCharsets.UTF_8).strip();
    return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH) + "...";
  }

  private KafkaConsumer<byte[], byte[]> consumer(String deadLetterTopic) {
    Properties config = new Properties();
    config.putAll(client);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "parcelbell-dlt-replay." + deadLetterTopic);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties config = new Properties();
    config.putAll(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}

package io.parcelbell.localstack.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.localstack.FreePorts;
import io.parcelbell.localstack.kafka.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DLT replay against a real broker: a dry run moves nothing, --apply moves each record once.
 */
class DltReplayTest {

  @TempDir static Path data;
  static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start(data, FreePorts.next(), FreePorts.next());
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void aDryRunCountsByReasonAndMovesNothingThenApplyMovesEachRecordBackOnce() throws Exception {
    String source = "test.replay-" + UUID.randomUUID() + ".v1";
    String dlt = source + ".DLT";
    park(dlt, "cj:1", "{\"a\":1}", "MongoTimeoutException: no server");
    park(dlt, "cj:2", "{\"a\":2}", "MongoTimeoutException: no server");
    park(dlt, "cj:3", "{\"a\":3}", "Bizgo configuration error A401");

    String dry = command("--topic=" + dlt);
    assertThat(dry)
        .contains(dlt + ": 3 record(s) would be moved back onto " + source)
        .contains("2  MongoTimeoutException: no server")
        .contains("1  Bizgo configuration error A401")
        .contains("dry run: nothing moved");
    assertThat(read(source, 0)).isEmpty();

    String applied = command("--topic=" + dlt, "--apply");
    assertThat(applied).contains("3 record(s) moved back onto " + source);
    List<ConsumerRecord<String, String>> replayed = read(source, 3);
    assertThat(replayed)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("cj:1", "{\"a\":1}"),
            org.assertj.core.groups.Tuple.tuple("cj:2", "{\"a\":2}"),
            org.assertj.core.groups.Tuple.tuple("cj:3", "{\"a\":3}"));
    // As first published: the CloudEvents headers stay, the dead-lettering ones are gone.
    for (ConsumerRecord<String, String> record : replayed) {
      assertThat(record.headers().lastHeader("ce_type")).isNotNull();
      assertThat(record.headers().lastHeader(DltReplay.REASON_HEADER)).isNull();
      assertThat(record.headers().lastHeader(DltReplay.SPRING_EXCEPTION_MESSAGE)).isNull();
    }

    // Remembered where it stopped: nothing twice, and only what was parked since.
    assertThat(command("--topic=" + dlt, "--apply")).contains(dlt + ": nothing to replay");
    park(dlt, "cj:4", "{\"a\":4}", "later");
    assertThat(command("--topic=" + dlt, "--apply")).contains("1 record(s) moved back");
    assertThat(read(source, 4)).hasSize(4);
  }

  @Test
  void onlyADeadLetterTopicIsAccepted() {
    assertThatThrownBy(() -> DltReplay.sourceOf("parcelbell.shipment-status.v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a dead-letter topic");
    assertThat(DltReplay.sourceOf("parcelbell.shipment-status.v1.DLT"))
        .isEqualTo("parcelbell.shipment-status.v1");
  }

  private static String command(String... args) throws Exception {
    var buffer = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap-servers=" + broker.bootstrapServers());
    int exit = DltReplayCommand.run(all, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** A record as notifier's error handler parks it: its own headers plus the failure's. */
  private static void park(String dlt, String key, String value, String reason) throws Exception {
    var headers = new RecordHeaders();
    headers.add("ce_type", "io.parcelbell.test.v1".getBytes(StandardCharsets.UTF_8));
    headers.add(DltReplay.SPRING_EXCEPTION_MESSAGE, "outer".getBytes(StandardCharsets.UTF_8));
    headers.add(DltReplay.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(dlt, null, key, value, headers)).get();
    }
  }

  /** Reads {@code topic} from the beginning until {@code expected} records came (or 5 s passed). */
  private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "read-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 20).toNanos();
      while (System.nanoTime() < deadline && records.size() < Math.max(expected, 1)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}

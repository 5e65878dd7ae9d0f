package io.parcelbell.notifier.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.notifier.NotifierApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Notifier applications outside the shared test context, on a broker of their own: for the tests
 * that run several replicas or take MongoDB away.
 */
public final class SeparateNotifiers {

  private SeparateNotifiers() {}

  /**
   * A started 12-partition broker with the notifier's topics. Its broker list goes to {@code
   * listProperty} (it still sets spring.embedded.kafka.brokers JVM-wide, which is why the shared
   * IntegrationTest context reads IntegrationTest.BROKERS instead).
   */
  public static EmbeddedKafkaKraftBroker broker(String listProperty) {
    var broker =
        new EmbeddedKafkaKraftBroker(
            1,
            12,
            Topics.SHIPMENT_STATUS,
            Topics.NOTIFICATION_LIFECYCLE,
            Topics.NOTIFICATION_OUTCOME,
            Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS),
            Topics.deadLetterTopicOf(Topics.NOTIFICATION_OUTCOME));
    broker.brokerListProperty(listProperty);
    broker.afterPropertiesSet();
    return broker;
  }

  /**
   * A notifier on {@code broker}, the MongoDB-wire server on {@code mongoPort} and {@code bizgo},
   * at an account rate that never limits a test, with {@code extra} arguments.
   */
  public static ConfigurableApplicationContext start(
      EmbeddedKafkaKraftBroker broker, int mongoPort, FakeBizgo bizgo, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
    args.add("--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/parcelbell-notifier");
    args.add("--parcelbell.kafka.create-topics=false");
    args.add("--parcelbell.notifier.bizgo.base-url=" + bizgo.baseUrl());
    args.add("--parcelbell.notifier.bizgo.account-rate=1000");
    args.add("--spring.main.banner-mode=off");
    args.addAll(List.of(extra));
    // Command-line arguments: they win over application.yml (builder properties do not).
    return new SpringApplicationBuilder(NotifierApplication.class).run(args.toArray(String[]::new));
  }

  /** A producer of events onto {@code broker}, acknowledged by all replicas. */
  public static KafkaProducer<String, ParcelbellEvent> producer(EmbeddedKafkaKraftBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new EventSerializer());
  }
}

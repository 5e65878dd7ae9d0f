package io.parcelbell.flow.backtest;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.kafka.EventDeserializer;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.flow.filters.FilterEvaluator;
import io.parcelbell.flow.flows.FlowDefinition;
import io.parcelbell.flow.flows.Rendered;
import io.parcelbell.flow.flows.Step;
import io.parcelbell.flow.shipments.ShipmentFacts;
import io.parcelbell.flow.templates.FlowTemplates;
import io.parcelbell.flow.templates.TemplateException;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a flow would have done: the trigger's topic read from a time on (Kafka's offsetsForTimes,
 * bounded by the topic's retention), each event matched against the trigger and filter, the exit
 * conditions checked against what this service knows of the parcel, and a few payloads rendered.
 * Nothing is stored, started or sent. Bounded: at most {@code maxEvents} events and {@link
 * #MAX_TIME} of reading; the answer says whether it reached the end.
 */
@Service
public class Backtest {

  public static final Duration MAX_TIME = Duration.ofSeconds(30);
  public static final int SAMPLES = 3;

  /**
   * @param scanned events of the trigger's topic read
   * @param wouldStart runs the flow would have started
   * @param wouldExit of those, the ones an exit condition would have ended (as of what is known
   *     now)
   * @param complete whether every event up to now was read (false: a bound was hit)
   * @param samples the first payloads it would have sent (personal data as the flow renders it)
   */
  public record Result(
      Instant since,
      long scanned,
      long wouldStart,
      long wouldExit,
      boolean complete,
      List<Rendered> samples,
      List<String> sampleErrors) {}

  private final KafkaProperties kafka;
  private final ShipmentFacts shipments;
  private final FlowTemplates templates;

  Backtest(KafkaProperties kafka, ShipmentFacts shipments, FlowTemplates templates) {
    this.kafka = kafka;
    this.shipments = shipments;
    this.templates = templates;
  }

  public Mono<Result> run(FlowDefinition flow, Instant since, int maxEvents) {
    return Mono.fromCallable(() -> scan(flow, since, maxEvents))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private Result scan(FlowDefinition flow, Instant since, int maxEvents) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    String topic = flow.trigger().topic();
    var deserializer = new EventDeserializer();
    long scanned = 0;
    long wouldStart = 0;
    long wouldExit = 0;
    List<Rendered> samples = new ArrayList<>();
    List<String> sampleErrors = new ArrayList<>();
    List<String> exitStatuses =
        flow.steps().stream()
            .filter(Step.Exit.class::isInstance)
            .flatMap(s -> ((Step.Exit) s).shipmentReached().stream())
            .distinct()
            .toList();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Map<TopicPartition, OffsetAndTimestamp> start =
          consumer.offsetsForTimes(
              partitions.stream().collect(Collectors.toMap(p -> p, p -> since.toEpochMilli())),
              Duration.ofSeconds(10));
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp from = start.get(partition);
        consumer.seek(partition, from == null ? end.get(partition) : from.offset());
      }
      Instant deadline = Instant.now().plus(MAX_TIME);
      while (scanned < maxEvents && Instant.now().isBefore(deadline) && !atEnd(consumer, end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (scanned >= maxEvents) {
            break;
          }
          scanned++;
          ParcelbellEvent event;
          try {
            event = deserializer.deserialize(topic, record.headers(), record.value());
          } catch (RuntimeException unreadable) {
            continue;
          }
          if (Trigger.of(event).filter(t -> t == flow.trigger()).isEmpty()
              || (flow.filter() != null
                  && !FilterEvaluator.matches(
                      flow.filter(), EventJson.mapper().valueToTree(event)))) {
            continue;
          }
          wouldStart++;
          if (!exitStatuses.isEmpty()
              && shipments
                  .reached(event.shipmentKey(), exitStatuses, event.occurredAt(), event.eventId())
                  .map(Optional::isPresent)
                  .onErrorReturn(false)
                  .blockOptional(Duration.ofSeconds(5))
                  .orElse(false)) {
            wouldExit++;
          }
          if (samples.size() < SAMPLES) {
            ShipmentMetadata known =
                shipments
                    .metadataOf(event.shipmentKey())
                    .onErrorReturn(ShipmentMetadata.EMPTY)
                    .block(Duration.ofSeconds(5));
            try {
              samples.add(Rendered.of(templates, flow, event, known));
            } catch (TemplateException e) {
              sampleErrors.add(event.eventId() + ": " + e.code() + " " + e.getMessage());
            }
          }
        }
      }
      return new Result(
          since, scanned, wouldStart, wouldExit, atEnd(consumer, end), samples, sampleErrors);
    }
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}

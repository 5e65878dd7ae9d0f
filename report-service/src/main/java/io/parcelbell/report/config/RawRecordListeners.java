package io.parcelbell.report.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A listener container factory for records read as raw bytes (the listener parses them itself, so
 * an unreadable one reaches it instead of failing in the consumer), configured like every other
 * from spring.kafka.*. Neither its consumer factory nor its error handler is a bean: either would
 * replace the auto-configured ones the event listeners use.
 */
public final class RawRecordListeners {

  private RawRecordListeners() {}

  @SuppressWarnings({"unchecked", "rawtypes"}) // the configurer is typed <Object, Object>
  public static ConcurrentKafkaListenerContainerFactory<String, byte[]> factory(
      KafkaProperties properties, ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildConsumerProperties());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.remove("spring.deserializer.value.delegate.class");
    var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
    configurer.configure(
        (ConcurrentKafkaListenerContainerFactory) factory,
        (ConsumerFactory) new DefaultKafkaConsumerFactory<String, byte[]>(config));
    return factory;
  }
}

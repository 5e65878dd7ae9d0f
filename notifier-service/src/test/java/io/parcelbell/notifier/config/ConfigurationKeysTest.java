package io.parcelbell.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.ConfigurationKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every key in application.yml and application-local.yml is one that a library or this service
 * reads (see ConfigurationKeys).
 */
class ConfigurationKeysTest {

  @Test
  void everyKeyInApplicationYmlIsRead() throws Exception {
    List<String> keys = new ArrayList<>();
    for (String file : List.of("application.yml", "application-local.yml")) {
      for (var source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
        keys.addAll(Arrays.asList(((EnumerablePropertySource<?>) source).getPropertyNames()));
      }
    }

    // parcelbell.kafka.* is read with @Value/@ConditionalOnProperty, which leave no metadata.
    assertThat(ConfigurationKeys.undeclared(keys, "parcelbell.kafka.")).isEmpty();
  }
}

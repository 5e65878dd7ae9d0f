package io.parcelbell.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Which keys of a service's application.yml no library on its classpath reads. Spring Boot ignores
 * an unknown key without a word, so a key renamed by an upgrade (Boot 4 moved {@code
 * spring.data.mongodb.uri} to {@code spring.mongodb.uri} and dropped {@code
 * management.observations.long-task-timer.enabled}) would quietly put a default back in force. The
 * answer comes from the configuration metadata every Spring Boot library ships, and the service's
 * own (spring-boot-configuration-processor).
 */
public final class ConfigurationKeys {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  private ConfigurationKeys() {}

  /**
   * The keys that no metadata declares, or that it declares deprecated. A key below a declared map
   * property ({@code logging.level.*}, {@code spring.kafka.producer.properties[...]}) is declared.
   *
   * @param unchecked prefixes of keys read with {@code @Value}, which have no metadata
   */
  public static List<String> undeclared(Collection<String> keys, String... unchecked) {
    Set<String> declared = declaredProperties();
    List<String> undeclared = new ArrayList<>();
    for (String key : keys) {
      if (!startsWithAny(key, unchecked) && !isDeclared(key, declared)) {
        undeclared.add(key);
      }
    }
    Collections.sort(undeclared);
    return undeclared;
  }

  private static boolean isDeclared(String key, Set<String> declared) {
    if (declared.contains(key)) {
      return true;
    }
    for (String property : declared) {
      if (key.startsWith(property + ".") || key.startsWith(property + "[")) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithAny(String key, String... prefixes) {
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> declaredProperties() {
    ObjectMapper json = new ObjectMapper();
    Set<String> declared = new HashSet<>();
    try {
      var resources = ConfigurationKeys.class.getClassLoader().getResources(METADATA);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        try (InputStream in = url.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            if (!property.has("deprecation")) {
              declared.add(property.path("name").asString());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return declared;
  }
}

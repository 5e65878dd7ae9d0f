package io.parcelbell.contracts.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A secret setting a service will not start with, and why. The value itself is never part of it.
 *
 * @param name the property, e.g. {@code parcelbell.ingest.webhook-secret}
 * @param why {@code not set}, {@code a placeholder} or {@code the local stand-in}
 */
public record RefusedSetting(String name, String why) {

  static Optional<RefusedSetting> of(String name, List<String> values, String standIn) {
    if (values.isEmpty() || values.stream().allMatch(String::isBlank)) {
      return Optional.of(new RefusedSetting(name, "not set"));
    }
    if (values.stream()
        .anyMatch(
            v ->
                v.strip()
                    .toLowerCase(Locale.ROOT)
                    .startsWith(LocalDefaultsGuard.PLACEHOLDER_PREFIX))) {
      return Optional.of(new RefusedSetting(name, "a placeholder"));
    }
    if (values.stream().anyMatch(v -> v.strip().equals(standIn))) {
      return Optional.of(new RefusedSetting(name, "the local stand-in"));
    }
    return Optional.empty();
  }

  /** The environment variable Spring Boot reads for this setting. */
  public String environmentVariable() {
    return name.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
  }
}

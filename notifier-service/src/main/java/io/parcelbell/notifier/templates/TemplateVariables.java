package io.parcelbell.notifier.templates;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a template may use and where their values come from. A template naming anything
 * else is a configuration error: Kakao rejects an Alimtalk whose text does not match the approved
 * template, so a typo must stop the service at start-up, not fail every send at night.
 */
final class TemplateVariables {

  /** {@code #{name}} in message texts (the Kakao template syntax). */
  static final Pattern TEXT_VARIABLE = Pattern.compile("#\\{([^}]*)}");

  /** {@code {name}} in button link templates. */
  static final Pattern LINK_VARIABLE = Pattern.compile("\\{([^}]*)}");

  private static final Map<String, Function<ShipmentStatusChanged, String>> SOURCES =
      new LinkedHashMap<>();

  static {
    SOURCES.put("productName", e -> e.metadata().productName());
    SOURCES.put("customerName", e -> e.metadata().customerName());
    SOURCES.put("courierName", e -> e.metadata().courierName());
    SOURCES.put("trackingNumber", ShipmentStatusChanged::trackingNumber);
    SOURCES.put("orderId", e -> e.metadata().orderId());
    SOURCES.put("location", ShipmentStatusChanged::lastLocation);
  }

  static final Set<String> NAMES = SOURCES.keySet();

  private TemplateVariables() {}

  /** Throws naming the field and the variable when {@code template} uses an unknown variable. */
  static String requireKnown(String template, Pattern syntax, String field) {
    if (template == null) {
      return null;
    }
    Matcher matcher = syntax.matcher(template);
    while (matcher.find()) {
      if (!NAMES.contains(matcher.group(1))) {
        throw new IllegalArgumentException(
            "%s uses unknown variable '%s' (known: %s)".formatted(field, matcher.group(1), NAMES));
      }
    }
    return template;
  }

  /** The values of one event; an absent value renders as the empty string. */
  static Map<String, String> valuesOf(ShipmentStatusChanged event) {
    Map<String, String> values = new LinkedHashMap<>();
    SOURCES.forEach(
        (name, source) -> {
          String value = source.apply(event);
          values.put(name, value == null ? "" : value);
        });
    return values;
  }

  static String fill(
      String template,
      Pattern syntax,
      Map<String, String> values,
      Function<String, String> escape) {
    if (template == null) {
      return null;
    }
    Matcher matcher = syntax.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = escape.apply(values.getOrDefault(matcher.group(1), ""));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

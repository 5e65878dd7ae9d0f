package io.parcelbell.flow.templates;

import io.parcelbell.contracts.NameMasking;
import io.parcelbell.contracts.PhoneMasking;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * parcelbell's three template filters: {@code kst} (an instant as Korean time, pattern optional:
 * {@code {{ event.occurredAt | kst("M월 d일 HH:mm") }}}), {@code json} (the value as a JSON literal:
 * a quoted, escaped string, a number, true/false or null: {@code "reason": {{ notification.reason |
 * json }}}) and {@code mask} (a phone as {@code 010-****-5678}, anything else as a name, {@code
 * 홍*동}).
 */
final class ParcelbellFilters extends AbstractExtension {

  static final String KST = "kst";
  static final String JSON = "json";
  static final String MASK = "mask";
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final String DEFAULT_PATTERN = "yyyy-MM-dd HH:mm";

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  @Override
  public Map<String, Filter> getFilters() {
    return Map.of(KST, new Kst(), JSON, new Json(), MASK, new Mask());
  }

  private static final class Kst implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of("pattern");
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int line) {
      Object pattern = args.get("pattern");
      DateTimeFormatter format;
      try {
        format =
            DateTimeFormatter.ofPattern(pattern == null ? DEFAULT_PATTERN : pattern.toString())
                .withZone(SEOUL);
      } catch (IllegalArgumentException e) {
        throw new PebbleException(
            e, "kst: not a date pattern: " + e.getMessage(), line, self.getName());
      }
      if (input == null) {
        return null;
      }
      try {
        Instant instant = input instanceof Instant i ? i : Instant.parse(input.toString());
        return format.format(instant);
      } catch (java.time.DateTimeException e) {
        throw new PebbleException(
            e, "kst: not an instant: " + e.getMessage(), line, self.getName());
      }
    }
  }

  private static final class Json implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int line) {
      Object value = input instanceof SafeString safe ? safe.toString() : input;
      return new SafeString(MAPPER.writeValueAsString(value));
    }
  }

  private static final class Mask implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int line) {
      if (input == null) {
        return null;
      }
      String text = input.toString();
      long digits = text.chars().filter(Character::isDigit).count();
      return digits >= 8 ? PhoneMasking.mask(text) : NameMasking.mask(text);
    }
  }
}

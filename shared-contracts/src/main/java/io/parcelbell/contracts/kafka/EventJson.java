package io.parcelbell.contracts.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parcelbell.contracts.events.ParcelbellEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of events on the wire: ISO-8601 instants, absent values left out, unknown fields
 * ignored (topics evolve additively, so a consumer must read events from a newer producer).
 *
 * <p>Every setting is spelled out rather than left to Jackson's defaults, because the defaults
 * changed between Jackson 2 and 3 and this is a contract with other teams: properties stay in the
 * records' declaration order (Jackson 3 sorts alphabetically by default), instants stay ISO strings
 * in UTC, an absent primitive reads as its default. EventGoldenFilesTest pins the bytes.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // An absent boolean reads as false, as it always has (Jackson 3 would reject the event).
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private EventJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(ParcelbellEvent event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  public static <T extends ParcelbellEvent> T read(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }
}

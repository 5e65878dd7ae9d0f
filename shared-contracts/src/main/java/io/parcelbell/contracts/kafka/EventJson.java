package io.parcelbell.contracts.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parcelbell.contracts.events.ParcelbellEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of events on the wire: ISO-8601 instants, absent values left out, unknown fields
 * ignored (topics evolve additively, so a consumer must read events from a newer producer).
 */
public final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(ParcelbellEvent event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  public static <T extends ParcelbellEvent> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
    }
  }
}

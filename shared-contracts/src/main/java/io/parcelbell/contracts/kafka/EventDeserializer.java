package io.parcelbell.contracts.kafka;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads an event by its {@code ce_type} header. A type this build does not know becomes an {@link
 * UnknownEvent} (skipped by consumers); a record with no type or with a body that does not match
 * its type throws, so the container's error handler can send it to the DLT with the reason.
 */
public class EventDeserializer implements Deserializer<ParcelbellEvent> {

  @Override
  public ParcelbellEvent deserialize(String topic, byte[] data) {
    throw new SerializationException(
        "parcelbell events are typed by the " + CloudEventHeaders.TYPE + " header");
  }

  @Override
  public ParcelbellEvent deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    String type = header(headers, CloudEventHeaders.TYPE);
    if (type == null) {
      throw new SerializationException("record on " + topic + " has no " + CloudEventHeaders.TYPE);
    }
    var eventClass = EventTypes.classOf(type);
    if (eventClass.isEmpty()) {
      return unknown(type, headers);
    }
    try {
      return EventJson.mapper().readValue(data, eventClass.get());
    } catch (JacksonException | IllegalArgumentException e) {
      throw new SerializationException(
          "record on " + topic + " is not a valid " + type + ": " + e.getMessage(), e);
    }
  }

  private static UnknownEvent unknown(String type, Headers headers) {
    String time = header(headers, CloudEventHeaders.TIME);
    Instant occurredAt = null;
    try {
      occurredAt = time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException ignored) {
      // An unknown event is skipped anyway; a malformed time must not turn it into poison.
    }
    return new UnknownEvent(
        header(headers, CloudEventHeaders.ID),
        type,
        header(headers, CloudEventHeaders.SUBJECT),
        occurredAt);
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

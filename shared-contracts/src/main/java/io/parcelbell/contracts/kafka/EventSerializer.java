package io.parcelbell.contracts.kafka;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event as JSON and its CloudEvents attributes as headers (binary content mode).
 * Configure {@value #SOURCE_CONFIG} with the producing service's URI reference, e.g. {@code
 * /parcelbell/ingest}.
 */
public class EventSerializer implements Serializer<ParcelbellEvent> {

  public static final String SOURCE_CONFIG = "parcelbell.cloudevents.source";
  static final String DEFAULT_SOURCE = "/parcelbell";

  private String source = DEFAULT_SOURCE;

  public EventSerializer() {}

  public EventSerializer(String source) {
    this.source = source;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object configured = configs.get(SOURCE_CONFIG);
    if (configured != null) {
      source = configured.toString();
    }
  }

  @Override
  public byte[] serialize(String topic, ParcelbellEvent event) {
    return event == null ? null : EventJson.write(event);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, ParcelbellEvent event) {
    if (event == null) {
      return null;
    }
    set(headers, CloudEventHeaders.ID, event.eventId());
    set(headers, CloudEventHeaders.TYPE, EventTypes.typeOf(event));
    set(headers, CloudEventHeaders.SOURCE, source);
    set(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    set(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
    set(headers, CloudEventHeaders.SUBJECT, event.shipmentKey());
    set(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    return EventJson.write(event);
  }

  private static void set(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}

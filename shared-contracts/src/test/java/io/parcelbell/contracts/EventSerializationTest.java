package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.events.UnknownEvent;
import io.parcelbell.contracts.kafka.EventDeserializer;
import io.parcelbell.contracts.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerializationTest {

  private final EventSerializer serializer = new EventSerializer();
  private final EventDeserializer deserializer = new EventDeserializer();

  EventSerializationTest() {
    serializer.configure(Map.of(EventSerializer.SOURCE_CONFIG, "/parcelbell/test"), false);
  }

  static Iterable<ParcelbellEvent> samples() {
    return SampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTripsThroughKafkaSerdeWithCloudEventHeaders(ParcelbellEvent sample) {
    Headers headers = new RecordHeaders();

    byte[] value = serializer.serialize("t", headers, sample);
    ParcelbellEvent read = deserializer.deserialize("t", headers, value);

    assertThat(read).isEqualTo(sample);
    assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo(sample.eventId());
    assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/parcelbell/test");
    assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(header(headers, CloudEventHeaders.TIME)).isEqualTo(sample.occurredAt().toString());
    assertThat(header(headers, CloudEventHeaders.SUBJECT)).isEqualTo(sample.shipmentKey());
    assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
  }

  @Test
  void serializingTwiceKeepsOneOfEachHeader() {
    Headers headers = new RecordHeaders();
    serializer.serialize("t", headers, SampleEvents.shipmentStatusChanged());
    serializer.serialize("t", headers, SampleEvents.shipmentStatusChanged());

    assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
  }

  @Test
  void unknownTypeIsReadAsUnknownEventSoConsumersCanSkipIt() {
    Headers headers = new RecordHeaders();
    headers.add(CloudEventHeaders.TYPE, bytes("io.parcelbell.notification.teleported.v1"));
    headers.add(CloudEventHeaders.ID, bytes("abc"));
    headers.add(CloudEventHeaders.TIME, bytes("2026-04-24T01:42:34Z"));

    ParcelbellEvent read = deserializer.deserialize("t", headers, bytes("{\"whatever\":1}"));

    assertThat(read).isInstanceOf(UnknownEvent.class);
    assertThat(((UnknownEvent) read).type()).isEqualTo("io.parcelbell.notification.teleported.v1");
    assertThat(read.eventId()).isEqualTo("abc");
  }

  @Test
  void recordWithoutTypeHeaderIsRejected() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new RecordHeaders(), bytes("{}")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ce_type");
  }

  @Test
  void bodyThatBreaksTheRecordsInvariantsIsRejected() {
    Headers headers = new RecordHeaders();
    serializer.serialize("t", headers, SampleEvents.shipmentStatusChanged());

    assertThatThrownBy(
            () -> deserializer.deserialize("t", headers, bytes("{\"eventId\":\"x\",\"status\":1}")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("courierCode");
  }

  @Test
  void newerProducersExtraFieldsAreIgnored() {
    Headers headers = new RecordHeaders();
    byte[] value = serializer.serialize("t", headers, SampleEvents.shipmentStatusChanged());
    String withExtra =
        new String(value, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"future\":7,");

    ParcelbellEvent read = deserializer.deserialize("t", headers, bytes(withExtra));

    assertThat(read).isInstanceOf(ShipmentStatusChanged.class);
  }

  @Test
  void metadataToStringMasksThePhone() {
    assertThat(SampleEvents.shipmentStatusChanged().toString())
        .doesNotContain("01012345678")
        .contains("010-****-5678");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

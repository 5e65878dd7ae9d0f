package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.ingest.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryWebhookParserTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");
  private final DeliveryWebhookParser parser =
      new DeliveryWebhookParser(Clock.fixed(NOW, ZoneOffset.UTC));

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private void assertInvalid(String json, String code, String pointer) {
    assertThatThrownBy(() -> parser.parse(utf8(json)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.pointer()).isEqualTo(pointer);
            });
  }

  @Test
  void readsTheVectorIntoOneEvent() {
    byte[] body = Vectors.compactBody();

    List<ShipmentStatusChanged> events = parser.parse(body);

    assertThat(events)
        .containsExactly(
            new ShipmentStatusChanged(
                EventIds.of(DeliveryWebhookParser.sha256Hex(body), "0"),
                "cj",
                "123456789012",
                "DELIVERED",
                true,
                "ORD-20260221-001",
                "배송완료",
                "서울 강남",
                new ShipmentMetadata(
                    "ORD-20260221-001", "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운"),
                NOW));
  }

  @Test
  void theSameBodyGetsTheSameIdsAtAnyTimeAndItemsGetDistinctIds() {
    String json =
        """
        {"items":[{"courierCode":"cj","trackingNumber":"1","currentStatus":"IN_TRANSIT"},
                  {"courierCode":"cj","trackingNumber":"2","currentStatus":"IN_TRANSIT"}]}""";
    var later = new DeliveryWebhookParser(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

    var first = parser.parse(utf8(json));
    var retried = later.parse(utf8(json));

    assertThat(retried)
        .extracting(ShipmentStatusChanged::eventId)
        .containsExactlyElementsOf(first.stream().map(ShipmentStatusChanged::eventId).toList());
    assertThat(first.get(0).eventId()).isNotEqualTo(first.get(1).eventId());
    assertThat(parser.parse(utf8(json.replace("\"2\"", "\"3\""))))
        .extracting(ShipmentStatusChanged::eventId)
        .doesNotContainAnyElementsOf(first.stream().map(ShipmentStatusChanged::eventId).toList());
  }

  @Test
  void itemMetadataOverridesTheSharedOneFieldByField() {
    String json =
        """
        {"items":[
           {"courierCode":"cj","trackingNumber":"1","currentStatus":"IN_TRANSIT",
            "metadata":{"orderId":"ORD-2","customerPhone":"01099998888"}},
           {"courierCode":"cj","trackingNumber":"2","currentStatus":"IN_TRANSIT"}],
         "metadata":{"orderId":"ORD-1","customerPhone":"01012345678","customerName":"홍길동",
                     "productName":"귤","courierName":"CJ대한통운"}}""";

    var events = parser.parse(utf8(json));

    assertThat(events.get(0).metadata())
        .isEqualTo(new ShipmentMetadata("ORD-2", "01099998888", "홍길동", "귤", "CJ대한통운"));
    assertThat(events.get(1).metadata())
        .isEqualTo(new ShipmentMetadata("ORD-1", "01012345678", "홍길동", "귤", "CJ대한통운"));
  }

  @Test
  void ignoresUnknownFieldsAndKeepsUnknownStatuses() {
    String json =
        """
        {"event":"tracking.status_changed","newTopLevel":{"x":[1,2]},
         "items":[{"courierCode":"cj","trackingNumber":"1","currentStatus":"TELEPORTED",
                   "isDelivered":false,"somethingNew":42,"trackingData":{"extra":true}}]}""";

    var event = parser.parse(utf8(json)).get(0);

    assertThat(event.status()).isEqualTo("TELEPORTED");
    assertThat(event.metadata()).isEqualTo(ShipmentMetadata.EMPTY);
    assertThat(event.deliveryStatusText()).isNull();
    assertThat(event.delivered()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{                                    | MALFORMED_JSON | ``",
        "``                                   | MALFORMED_JSON | ``",
        "{\"items\":[]} trailing              | MALFORMED_JSON | ``",
        "{\"items\":1,\"items\":[]}           | MALFORMED_JSON | ``",
        "[]                                   | INVALID_FIELD  | ``",
        "{}                                   | MISSING_FIELD  | /items",
        "{\"items\":null}                     | MISSING_FIELD  | /items",
        "{\"items\":[]}                       | MISSING_FIELD  | /items",
        "{\"items\":{}}                       | INVALID_FIELD  | /items",
        "{\"items\":[\"x\"]}                  | INVALID_FIELD  | /items/0",
        "{\"items\":[{\"courierCode\":\"cj\",\"currentStatus\":\"PENDING\"}]}"
            + "                               | MISSING_FIELD  | /items/0/trackingNumber",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\" \"}]}"
            + "                               | MISSING_FIELD  | /items/0/currentStatus",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\"},"
            + "{\"trackingNumber\":\"1\",\"currentStatus\":\"X\"}]}"
            + "                               | MISSING_FIELD  | /items/1/courierCode",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":123,\"currentStatus\":\"X\"}]}"
            + "                               | INVALID_FIELD  | /items/0/trackingNumber",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\","
            + "\"isDelivered\":\"yes\"}]}     | INVALID_FIELD  | /items/0/isDelivered",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\","
            + "\"trackingData\":[]}]}         | INVALID_FIELD  | /items/0/trackingData",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\","
            + "\"trackingData\":{\"lastLocation\":7}}]}"
            + "                               | INVALID_FIELD  | /items/0/trackingData/lastLocation",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\","
            + "\"metadata\":{\"customerPhone\":1012345678}}]}"
            + "                               | INVALID_FIELD  | /items/0/metadata/customerPhone",
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"currentStatus\":\"X\"}],"
            + "\"metadata\":\"ORD-1\"}        | INVALID_FIELD  | /metadata",
      })
  void refusesBodiesItCannotPublish(String json, String code, String pointer) {
    assertInvalid(json, code, pointer == null ? "" : pointer);
  }

  @Test
  void tenThousandLevelsOfNestingAreMalformedNotAStackOverflow() {
    String arrays = "[".repeat(10_000) + "]".repeat(10_000);
    String objects = "{\"items\":[" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]}";

    assertInvalid(arrays, InvalidPayloadException.MALFORMED_JSON, "");
    assertInvalid(objects, InvalidPayloadException.MALFORMED_JSON, "");
  }

  @Test
  void nestingUpToTheLimitIsStillRead() {
    // Unknown fields may be nested; only depth beyond the limit is refused.
    int depth = DeliveryWebhookParser.MAX_NESTING_DEPTH - 3;
    String json =
        "{\"x\":"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + ",\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"1\","
            + "\"currentStatus\":\"IN_TRANSIT\"}]}";

    assertThat(parser.parse(utf8(json))).hasSize(1);
  }

  @Test
  void overLongNumbersAreMalformed() {
    assertInvalid(
        "{\"x\":" + "9".repeat(DeliveryWebhookParser.MAX_NUMBER_LENGTH + 1) + ",\"items\":[]}",
        InvalidPayloadException.MALFORMED_JSON,
        "");
  }

  @ParameterizedTest
  @CsvSource({"C0AF", "EDA080", "FF", "C328"})
  void invalidUtf8IsMalformedEvenWhereJacksonWouldDecodeIt(String hex) {
    byte[] valid =
        utf8(
            "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"T\","
                + "\"currentStatus\":\"IN_TRANSIT\"}]}");
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    int at = new String(valid, StandardCharsets.UTF_8).indexOf("\"T\"") + 2;
    byte[] body = new byte[valid.length + bad.length];
    System.arraycopy(valid, 0, body, 0, at);
    System.arraycopy(bad, 0, body, at, bad.length);
    System.arraycopy(valid, at, body, at + bad.length, valid.length - at);

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> assertThat(e.code()).isEqualTo(InvalidPayloadException.MALFORMED_JSON));
  }
}

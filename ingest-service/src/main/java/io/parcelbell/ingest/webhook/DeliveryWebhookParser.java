package io.parcelbell.ingest.webhook;

import static io.parcelbell.ingest.webhook.InvalidPayloadException.INVALID_FIELD;
import static io.parcelbell.ingest.webhook.InvalidPayloadException.MALFORMED_JSON;
import static io.parcelbell.ingest.webhook.InvalidPayloadException.MISSING_FIELD;
import static io.parcelbell.ingest.webhook.JsonFields.flag;
import static io.parcelbell.ingest.webhook.JsonFields.object;
import static io.parcelbell.ingest.webhook.JsonFields.requiredText;
import static io.parcelbell.ingest.webhook.JsonFields.text;

import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a verified DeliveryAPI webhook body into one {@link ShipmentStatusChanged} per item. Only
 * the fields we use are checked; unknown fields are ignored so DeliveryAPI can add some. Errors
 * name the field by JSON pointer, e.g. {@code /items/0/trackingNumber}.
 */
final class DeliveryWebhookParser {

  /** A webhook is three levels deep; anything far deeper is an attack on the parser's stack. */
  static final int MAX_NESTING_DEPTH = 32;

  /** Longest number literal accepted; DeliveryAPI sends none we read. */
  static final int MAX_NUMBER_LENGTH = 64;

  // Duplicate keys and trailing data are how two parsers are made to disagree about one body.
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final Clock clock;

  DeliveryWebhookParser(Clock clock) {
    this.clock = clock;
  }

  List<ShipmentStatusChanged> parse(byte[] rawBody) {
    JsonNode root = readTree(rawBody);
    if (!root.isObject()) {
      throw new InvalidPayloadException(INVALID_FIELD, "", "body must be a JSON object");
    }
    JsonNode items = root.path("items");
    if (items.isMissingNode() || items.isNull()) {
      throw new InvalidPayloadException(MISSING_FIELD, "/items", "items is required");
    }
    if (!items.isArray()) {
      throw new InvalidPayloadException(INVALID_FIELD, "/items", "items must be an array");
    }
    if (items.isEmpty()) {
      throw new InvalidPayloadException(MISSING_FIELD, "/items", "items must not be empty");
    }
    ShipmentMetadata shared =
        Objects.requireNonNullElse(metadata(root, ""), ShipmentMetadata.EMPTY);
    // The same body always gives the same ids, so a retried webhook is recognised downstream.
    String bodyHash = sha256Hex(rawBody);
    Instant now = clock.instant();
    List<ShipmentStatusChanged> events = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      events.add(
          item(items.get(i), "/items/" + i, shared, EventIds.of(bodyHash, String.valueOf(i)), now));
    }
    return List.copyOf(events);
  }

  private static ShipmentStatusChanged item(
      JsonNode item, String at, ShipmentMetadata shared, String eventId, Instant now) {
    if (!item.isObject()) {
      throw new InvalidPayloadException(INVALID_FIELD, at, "item must be an object");
    }
    JsonNode tracking = object(item, "trackingData", at);
    return new ShipmentStatusChanged(
        eventId,
        requiredText(item, "courierCode", at),
        requiredText(item, "trackingNumber", at),
        requiredText(item, "currentStatus", at),
        flag(item, "isDelivered", at),
        text(item, "clientId", at),
        text(tracking, "deliveryStatusText", at + "/trackingData"),
        text(tracking, "lastLocation", at + "/trackingData"),
        shared.overriddenBy(metadata(item, at)),
        now);
  }

  /** The metadata object under {@code parent}, or null when there is none. */
  private static ShipmentMetadata metadata(JsonNode parent, String at) {
    JsonNode node = object(parent, "metadata", at);
    if (node.isMissingNode()) {
      return null;
    }
    String m = at + "/metadata";
    return new ShipmentMetadata(
        text(node, "orderId", m),
        text(node, "customerPhone", m),
        text(node, "customerName", m),
        text(node, "productName", m),
        text(node, "courierName", m));
  }

  private static JsonNode readTree(byte[] rawBody) {
    requireUtf8(rawBody);
    try {
      JsonNode root = JSON.readTree(rawBody);
      if (root == null || root.isMissingNode()) {
        throw new InvalidPayloadException(MALFORMED_JSON, "", "body is empty");
      }
      return root;
    } catch (JacksonException e) {
      // The parser's message may quote the body, which can hold personal data: keep it generic.
      var where = e.getLocation();
      String detail =
          where == null
              ? "body is not valid JSON"
              : "body is not valid JSON (line %d, column %d)"
                  .formatted(where.getLineNr(), where.getColumnNr());
      throw new InvalidPayloadException(MALFORMED_JSON, "", detail);
    }
  }

  /**
   * JSON is UTF-8 (RFC 8259). Jackson's decoder lets some invalid sequences through (overlong
   * forms, encoded surrogates); Java's strict decoder does not, so no such string is published.
   */
  private static void requireUtf8(byte[] rawBody) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(rawBody));
    } catch (CharacterCodingException e) {
      throw new InvalidPayloadException(MALFORMED_JSON, "", "body is not valid UTF-8");
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

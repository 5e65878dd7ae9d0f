package io.parcelbell.ingest.webhook;

import static io.parcelbell.ingest.webhook.InvalidPayloadException.INVALID_FIELD;
import static io.parcelbell.ingest.webhook.InvalidPayloadException.MISSING_FIELD;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Typed reads of one member of a JSON object, failing with the member's JSON pointer ({@code at} is
 * the parent's pointer). Absent and {@code null} mean the same: DeliveryAPI sends both.
 */
final class JsonFields {

  private JsonFields() {}

  /** The member as an object, or a missing node when absent. */
  static JsonNode object(JsonNode parent, String field, String at) {
    JsonNode node = parent.path(field);
    if (absent(node)) {
      return MissingNode.getInstance();
    }
    if (!node.isObject()) {
      throw invalid(at, field, "an object");
    }
    return node;
  }

  static String requiredText(JsonNode parent, String field, String at) {
    String value = text(parent, field, at);
    if (value == null || value.isBlank()) {
      throw new InvalidPayloadException(MISSING_FIELD, at + "/" + field, field + " is required");
    }
    return value;
  }

  /** The member's string, or null when absent. */
  static String text(JsonNode parent, String field, String at) {
    JsonNode node = parent.path(field);
    if (absent(node)) {
      return null;
    }
    if (!node.isString()) {
      throw invalid(at, field, "a string");
    }
    return node.stringValue();
  }

  /** The member's boolean, false when absent. */
  static boolean flag(JsonNode parent, String field, String at) {
    JsonNode node = parent.path(field);
    if (absent(node)) {
      return false;
    }
    if (!node.isBoolean()) {
      throw invalid(at, field, "true or false");
    }
    return node.booleanValue();
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static InvalidPayloadException invalid(String at, String field, String expected) {
    return new InvalidPayloadException(
        INVALID_FIELD, at + "/" + field, field + " must be " + expected);
  }
}

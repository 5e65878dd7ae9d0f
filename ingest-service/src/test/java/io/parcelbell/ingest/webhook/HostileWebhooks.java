package io.parcelbell.ingest.webhook;

import io.parcelbell.ingest.support.Vectors;
import io.parcelbell.ingest.webhook.HostileWebhookIntegrationTest.Hostile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Generates malformed webhooks from a seeded {@link Random}: the same seed, the same requests. */
final class HostileWebhooks {

  private static final String VALID =
      "{\"event\":\"tracking.status_changed\",\"items\":[{\"clientId\":\"ORD-1\","
          + "\"courierCode\":\"cj\",\"trackingNumber\":\"HOSTILE-%d\",\"currentStatus\":\"IN_TRANSIT\","
          + "\"isDelivered\":false,\"trackingData\":{\"deliveryStatusText\":\"간선상차\","
          + "\"lastLocation\":\"대전HUB\"}}],\"metadata\":{\"orderId\":\"ORD-1\","
          + "\"customerPhone\":\"01012345678\"}}";

  private static final String[] FIELDS = {
    "courierCode", "trackingNumber", "currentStatus", "isDelivered", "clientId", "trackingData"
  };
  private static final String[] WRONG_VALUES = {
    "42", "-1.5e3", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":1}", "\"\"", "null"
  };

  private HostileWebhooks() {}

  static List<Hostile> generate(Random random, int count) {
    List<Hostile> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(one(random, i));
    }
    return out;
  }

  private static Hostile one(Random r, int i) {
    String valid = VALID.formatted(i);
    return switch (i % 12) {
      case 0 -> signed("truncated", truncate(r, valid));
      case 1 -> signed("wrong type", wrongType(r, valid));
      case 2 -> signed("huge number", hugeNumber(r, valid));
      case 3 -> signed("deep nesting", deepNesting(r, i));
      case 4 -> signed("invalid UTF-8", invalidUtf8(r, valid));
      case 5 -> signed("empty body", new byte[0]);
      case 6 -> signed("nulls", nulls(r, valid));
      case 7 -> signed("array instead of object", arrayInsteadOfObject(r, valid));
      case 8 -> duplicateHeaders(r, bytes(valid));
      case 9 ->
          signed(
              "duplicate key",
              bytes(valid.replace("{\"clientId\"", "{\"courierCode\":\"x\",\"clientId\"")));
      case 10 ->
          signed(
              "missing field",
              bytes(
                  valid.replace(pick(r, "\"trackingNumber\"", "\"currentStatus\""), "\"unused\"")));
      default -> badlySigned(r, bytes(valid));
    };
  }

  private static Hostile signed(String kind, byte[] body) {
    return Hostile.signed(kind, body);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  /** A strict prefix of a JSON object is never a complete document. */
  private static byte[] truncate(Random r, String valid) {
    byte[] all = bytes(valid);
    return Arrays.copyOf(all, r.nextInt(all.length));
  }

  private static byte[] wrongType(Random r, String valid) {
    String field = FIELDS[r.nextInt(FIELDS.length)];
    String value = WRONG_VALUES[r.nextInt(WRONG_VALUES.length)];
    if (field.equals("isDelivered") && (value.equals("true") || value.equals("false"))) {
      value = "\"yes\"";
    }
    if (field.equals("trackingData") && value.startsWith("{")) {
      value = "\"not an object\"";
    }
    if (field.equals("clientId") && value.equals("\"\"")) {
      value = "42"; // an empty clientId is allowed: it would make a valid webhook
    }
    if (value.equals("null") && !field.equals("trackingNumber")) {
      value = "7";
    }
    String body =
        valid.replaceFirst(
            "\"" + field + "\":(\"[^\"]*\"|false|\\{[^}]*\\})", "\"" + field + "\":" + value);
    if (r.nextInt(4) == 0) {
      body =
          body.replace("\"items\":[", "\"items\":" + pick(r, "\"items\"", "7", "{}") + ",\"x\":[");
    }
    return bytes(body);
  }

  private static byte[] hugeNumber(Random r, String valid) {
    String number =
        switch (r.nextInt(4)) {
          case 0 -> "9".repeat(100 + r.nextInt(5_000));
          case 1 -> "1e" + "9".repeat(6 + r.nextInt(10));
          case 2 -> "-0." + "1".repeat(200 + r.nextInt(2_000));
          default -> "123456789012345678901234567890123456789012345678901234567890123456789";
        };
    String field = pick(r, "trackingNumber", "currentStatus", "extra");
    if (field.equals("extra") && number.length() <= DeliveryWebhookParser.MAX_NUMBER_LENGTH) {
      // A short huge number in an ignored field is a valid webhook: make it over-long instead.
      number = "9".repeat(DeliveryWebhookParser.MAX_NUMBER_LENGTH + 1);
    }
    return bytes(
        field.equals("extra")
            ? valid.replace("{\"clientId\"", "{\"extra\":" + number + ",\"clientId\"")
            : valid.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + number));
  }

  /** Up to 10,000 levels: a recursive parser without a depth limit would overflow its stack. */
  private static byte[] deepNesting(Random r, int i) {
    int depth = i < 12 ? 10_000 : 100 + r.nextInt(10_000);
    boolean objects = r.nextBoolean();
    String open = objects ? "{\"a\":" : "[";
    String close = objects ? "}" : "]";
    String inner = r.nextBoolean() ? "1" : "";
    String body =
        objects
            ? "{\"items\":[" + open.repeat(depth) + "1" + close.repeat(depth) + "]}"
            : open.repeat(depth) + inner + (r.nextBoolean() ? close.repeat(depth) : "");
    return bytes(body);
  }

  private static byte[] invalidUtf8(Random r, String valid) {
    byte[] all = bytes(valid);
    byte[][] invalid = {
      {(byte) 0xFF},
      {(byte) 0xC3, 0x28},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xF0, 0x28, (byte) 0x8C, 0x28},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
    };
    byte[] bad = invalid[r.nextInt(invalid.length)];
    // Inside the tracking number's string value, where a lenient decoder would swallow it.
    int at = valid.indexOf("HOSTILE-") + 3;
    byte[] out = new byte[all.length + bad.length];
    System.arraycopy(all, 0, out, 0, at);
    System.arraycopy(bad, 0, out, at, bad.length);
    System.arraycopy(all, at, out, at + bad.length, all.length - at);
    return out;
  }

  private static byte[] nulls(Random r, String valid) {
    return bytes(
        switch (r.nextInt(5)) {
          case 0 -> "null";
          case 1 -> "{\"items\":null}";
          case 2 -> "{\"items\":[null]}";
          case 3 -> valid.replaceFirst("\"trackingNumber\":\"[^\"]*\"", "\"trackingNumber\":null");
          default -> valid.replaceFirst("\"currentStatus\":\"[^\"]*\"", "\"currentStatus\":null");
        });
  }

  private static byte[] arrayInsteadOfObject(Random r, String valid) {
    return bytes(
        switch (r.nextInt(4)) {
          case 0 -> "[" + valid + "]";
          case 1 -> valid.replace("\"items\":[{", "\"items\":[[").replace("}}],", "}],");
          case 2 ->
              valid
                  .replace("\"metadata\":{\"orderId\":\"ORD-1\",", "\"metadata\":[\"ORD-1\",")
                  .replace("678\"}}", "678\"]}");
          default ->
              valid.replace("\"trackingData\":{", "\"trackingData\":[").replace("HUB\"}", "HUB\"]");
        });
  }

  /** A valid body with a header sent twice: refused whichever value would have verified. */
  private static Hostile duplicateHeaders(Random r, byte[] body) {
    String good = Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body);
    String other = Vectors.sign("another-secret", Vectors.TIMESTAMP, body);
    return switch (r.nextInt(4)) {
      case 0 ->
          new Hostile("two signatures", body, List.of(Vectors.TIMESTAMP), List.of(good, other));
      case 1 ->
          new Hostile("two signatures", body, List.of(Vectors.TIMESTAMP), List.of(other, good));
      case 2 ->
          new Hostile(
              "two equal signatures", body, List.of(Vectors.TIMESTAMP), List.of(good, good));
      default ->
          new Hostile(
              "two timestamps",
              body,
              List.of(Vectors.TIMESTAMP, String.valueOf(Long.parseLong(Vectors.TIMESTAMP) + 1)),
              List.of(good));
    };
  }

  private static Hostile badlySigned(Random r, byte[] body) {
    return switch (r.nextInt(4)) {
      case 0 -> new Hostile("no signature", body, List.of(Vectors.TIMESTAMP), List.of());
      case 1 ->
          new Hostile(
              "garbage signature",
              body,
              List.of(Vectors.TIMESTAMP),
              List.of("sha256=" + Long.toHexString(r.nextLong())));
      case 2 ->
          new Hostile(
              "garbage timestamp",
              body,
              List.of("-" + r.nextInt()),
              List.of(Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body)));
      default ->
          new Hostile(
              "wrong secret",
              body,
              List.of(Vectors.TIMESTAMP),
              List.of(Vectors.sign("x" + r.nextInt(), Vectors.TIMESTAMP, body)));
    };
  }
}

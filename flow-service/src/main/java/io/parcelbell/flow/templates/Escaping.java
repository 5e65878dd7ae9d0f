package io.parcelbell.flow.templates;

import java.nio.charset.StandardCharsets;

/** The two escapings a printed value gets: inside a JSON string, and as an HTTP header value. */
final class Escaping {

  static final String JSON_STRING = "json-string";
  static final String HEADER_VALUE = "header-value";

  private Escaping() {}

  /** RFC 8259 string content: quote, backslash and control characters escaped. */
  static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Control characters (CR and LF among them) become spaces, so a value cannot start a header; text
   * outside ASCII (a Korean product name) is percent-encoded as UTF-8, because header values are
   * ASCII on the wire (RFC 9110) and a receiver would otherwise read mojibake.
   */
  static String headerValue(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(' ');
              } else if (c < 0x80) {
                out.append((char) c);
              } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(String.format("%02X", b & 0xff));
                }
              }
            });
    return out.toString();
  }
}

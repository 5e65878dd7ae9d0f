package io.parcelbell.notifier.sms;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * Korean carriers count SMS/LMS length in EUC-KR bytes. Characters EUC-KR cannot encode (emoji,
 * rare Hanja) are replaced by {@value #REPLACEMENT} before counting and sending, so a message is
 * never silently garbled or rejected by the carrier.
 */
public final class EucKr {

  public static final Charset CHARSET = Charset.forName("EUC-KR");
  public static final char REPLACEMENT = '?';

  private EucKr() {}

  /** The text with every code point EUC-KR cannot encode replaced by {@value #REPLACEMENT}. */
  public static String encodable(String text) {
    CharsetEncoder encoder = CHARSET.newEncoder();
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              String ch = Character.toString(cp);
              if (encoder.canEncode(ch)) {
                out.append(ch);
              } else {
                out.append(REPLACEMENT);
              }
            });
    return out.toString();
  }

  /** Length in EUC-KR bytes of an already {@link #encodable} text. */
  public static int byteLength(String text) {
    return text.getBytes(CHARSET).length;
  }

  /** The longest prefix of an {@link #encodable} text that fits {@code maxBytes}. */
  public static String truncate(String text, int maxBytes) {
    if (byteLength(text) <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = Character.toString(cp).getBytes(CHARSET).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end);
  }
}

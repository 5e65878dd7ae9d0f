package io.parcelbell.report.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the previous page ended: (createdAt, id) of its last item. createdAt never changes, so a
 * notification updated while someone pages cannot jump between pages. Opaque to clients.
 */
record PageCursor(Instant createdAt, String id) {

  String encode() {
    String raw = createdAt.toEpochMilli() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static PageCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      String id = raw.substring(colon + 1);
      if (colon < 1 || id.isEmpty()) {
        throw new IllegalArgumentException("no id");
      }
      return new PageCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), id);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new InvalidQueryException("INVALID_CURSOR", "cursor is not one this API returned");
    }
  }
}

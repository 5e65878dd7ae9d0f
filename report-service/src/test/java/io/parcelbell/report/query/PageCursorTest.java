package io.parcelbell.report.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void roundTripsIdsWithColons() {
    var cursor = new PageCursor(Instant.parse("2026-04-24T01:42:34.546Z"), "cj:123:DELIVERED");
    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void rejectsCursorsWeNeverIssued() {
    for (String bad : new String[] {"!!!", "bm90LWEtY3Vyc29y", "MTIzOg", "OmlkLW9ubHk"}) {
      assertThatThrownBy(() -> PageCursor.decode(bad))
          .isInstanceOf(InvalidQueryException.class)
          .extracting(e -> ((InvalidQueryException) e).code())
          .isEqualTo("INVALID_CURSOR");
    }
  }
}

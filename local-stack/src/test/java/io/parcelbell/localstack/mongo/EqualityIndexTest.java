package io.parcelbell.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidates a lookup narrows to: only those that can match, and every one of them. */
class EqualityIndexTest {

  private final EqualityIndex index =
      new EqualityIndex("state_1_dueAt_1", List.of(new IndexKey("state", true)));

  @Test
  void aLookupNarrowsToItsValuesAndToArrays() {
    add("p1", "PENDING");
    add("p2", "PENDING");
    add("w1", "WAITING");
    add("d1", "DONE");
    add("a1", List.of("WAITING", "DONE"));
    add("n1", 5);
    add("m1", null);

    assertThat(index.candidates("PENDING"))
        .hasValueSatisfying(found -> assertThat(found).containsExactlyInAnyOrder("p1", "p2", "a1"));
    assertThat(index.candidates(new Document("$in", List.of("WAITING", "DONE", "WAITING"))))
        .hasValueSatisfying(found -> assertThat(found).containsExactlyInAnyOrder("w1", "d1", "a1"));
    assertThat(index.candidates("GONE"))
        .hasValueSatisfying(found -> assertThat(found).containsExactly("a1"));
  }

  @Test
  void aConditionItCannotAnswerIsLeftToAScan() {
    add("p1", "PENDING");
    assertThat(index.candidates(5)).isEmpty();
    assertThat(index.candidates(null)).isEmpty();
    assertThat(index.candidates(new Document("$ne", "PENDING"))).isEmpty();
    assertThat(index.candidates(new Document("$in", List.of("PENDING", 5)))).isEmpty();
    assertThat(index.candidates(true)).hasValueSatisfying(found -> assertThat(found).isEmpty());
  }

  @Test
  void anUpdateMovesADocumentAndARemovalForgetsIt() {
    Document pending = add("p1", "PENDING");
    Document claimed = new Document("_id", "p1").append("state", "CLAIMED");
    index.updateInPlace(pending, claimed, "p1", null);
    assertThat(index.candidates("PENDING"))
        .hasValueSatisfying(found -> assertThat(found).isEmpty());
    assertThat(index.candidates("CLAIMED"))
        .hasValueSatisfying(found -> assertThat(found).containsExactly("p1"));

    assertThat(index.remove(claimed)).isEqualTo("p1");
    assertThat(index.candidates("CLAIMED"))
        .hasValueSatisfying(found -> assertThat(found).isEmpty());
    assertThat(index.getCount()).isZero();
  }

  private Document add(String id, Object state) {
    Document document = new Document("_id", id);
    if (state != null) {
      document.append("state", state);
    }
    index.add(document, id, null);
    return document;
  }
}

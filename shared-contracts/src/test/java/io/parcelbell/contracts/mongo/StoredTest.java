package io.parcelbell.contracts.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * A value converted for its declared type is what Spring Data writes into a record's property: a
 * nested record without a type hint, enums as names, instants as dates.
 */
class StoredTest {

  enum Status {
    REQUESTED,
    ACCEPTED
  }

  record Step(int number, Status status, Instant at, String note) {}

  static final MappingMongoConverter CONVERTER = converter();

  final Stored stored = new Stored(CONVERTER);

  @Test
  void aRecordIsStoredWithoutATypeHintAndWithItsValuesAsStored() {
    Instant at = Instant.parse("2026-12-03T01:02:03Z");

    Object value = stored.of(new Step(2, Status.ACCEPTED, at, null), Step.class);

    assertThat(value).isInstanceOf(Document.class);
    Document document = (Document) value;
    assertThat(document).doesNotContainKey("_class");
    assertThat(document.get("number")).isEqualTo(2);
    assertThat(document.get("status")).isEqualTo("ACCEPTED");
    assertThat(document.get("at")).isEqualTo(Date.from(at));
  }

  @Test
  void theSameRecordReadsBackAsTheRecord() {
    Step step = new Step(1, Status.REQUESTED, Instant.parse("2026-12-03T00:00:00Z"), "first");

    Document document = (Document) stored.of(step, Step.class);

    assertThat(CONVERTER.read(Step.class, document)).isEqualTo(step);
  }

  @Test
  void listsNullsAndEnums() {
    Step step = new Step(1, Status.REQUESTED, Instant.EPOCH, null);

    assertThat(stored.ofEach(List.of(step, step), Step.class))
        .hasSize(2)
        .allSatisfy(each -> assertThat((Document) each).doesNotContainKey("_class"));
    assertThat(stored.of(null, Step.class)).isNull();
    assertThat(Stored.of(Status.ACCEPTED)).isEqualTo("ACCEPTED");
    assertThat(Stored.of((Status) null)).isNull();
    assertThat(Stored.of(Status.REQUESTED, Status.ACCEPTED))
        .containsExactly("REQUESTED", "ACCEPTED");
  }

  /** Set up as Spring Boot sets it up: the store's simple types (dates and times) known. */
  private static MappingMongoConverter converter() {
    var conversions = new MongoCustomConversions(List.of());
    var mapping = new MongoMappingContext();
    mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
    mapping.afterPropertiesSet();
    var converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, mapping);
    converter.setCustomConversions(conversions);
    converter.afterPropertiesSet();
    return converter;
  }
}

package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The wire form of every event is pinned by a golden file: a change that alters what other teams
 * read fails here first, in both directions (reading the file, writing the record).
 */
class EventGoldenFilesTest {

  static Stream<ParcelbellEvent> samples() {
    return SampleEvents.all().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void goldenFileReadsAsTheSampleRecord(ParcelbellEvent sample) throws IOException {
    byte[] golden = golden(sample);

    assertThat(EventJson.read(golden, sample.getClass())).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleRecordWritesAsTheGoldenFile(ParcelbellEvent sample) throws IOException {
    JsonNode written = EventJson.mapper().readTree(EventJson.write(sample));

    assertThat(written).isEqualTo(EventJson.mapper().readTree(golden(sample)));
  }

  /**
   * Byte for byte, field order included: the golden file with its whitespace taken out. Jackson 3
   * would sort fields alphabetically unless told otherwise; consumers that compare or hash the
   * bytes must not see the move from Jackson 2.
   */
  @ParameterizedTest
  @MethodSource("samples")
  void sampleRecordWritesTheGoldenFilesExactBytes(ParcelbellEvent sample) throws IOException {
    byte[] compactGolden =
        EventJson.mapper().writeValueAsBytes(EventJson.mapper().readTree(golden(sample)));

    assertThat(new String(EventJson.write(sample), StandardCharsets.UTF_8))
        .isEqualTo(new String(compactGolden, StandardCharsets.UTF_8));
  }

  @Test
  void everyEventTypeHasASample() {
    Set<Class<?>> sampled = new HashSet<>();
    SampleEvents.all().forEach(e -> sampled.add(e.getClass()));

    assertThat(sampled).isEqualTo(new HashSet<Class<?>>(EventTypes.all().keySet()));
  }

  private static byte[] golden(ParcelbellEvent sample) throws IOException {
    String name = "/golden/" + sample.getClass().getSimpleName() + ".json";
    try (InputStream in = EventGoldenFilesTest.class.getResourceAsStream(name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}

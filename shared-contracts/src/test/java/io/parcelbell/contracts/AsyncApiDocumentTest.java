package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.audit.AuditActor;
import io.parcelbell.contracts.audit.AuditRecorded;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * The AsyncAPI document is what other teams read; the records are what we send. This keeps them the
 * same: a field added to a record and not to the document (or the other way round) fails the build.
 */
class AsyncApiDocumentTest {

  static final String DOCUMENT = "/asyncapi/parcelbell.asyncapi.yaml";

  static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(DOCUMENT)) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  static Stream<Class<? extends Record>> recordsOnTheWire() {
    List<Class<? extends Record>> records = new ArrayList<>();
    EventTypes.all().keySet().forEach(type -> records.add(asRecord(type)));
    records.add(ShipmentMetadata.class);
    records.add(AuditRecorded.class);
    records.add(AuditActor.class);
    records.add(AuditTarget.class);
    return records.stream();
  }

  @Test
  void isAnAsyncApi3Document() {
    assertThat(doc.path("asyncapi").asString()).startsWith("3.");
  }

  @ParameterizedTest
  @MethodSource("recordsOnTheWire")
  void schemaPropertiesAreExactlyTheRecordComponents(Class<? extends Record> record) {
    JsonNode schema = doc.at("/components/schemas/" + record.getSimpleName());
    assertThat(schema.isMissingNode()).as("schema for %s", record.getSimpleName()).isFalse();

    assertThat(fieldNames(schema.path("properties")))
        .as("properties of %s", record.getSimpleName())
        .isEqualTo(componentNames(record));
    assertThat(fieldNames(schema.path("properties")))
        .as("required fields of %s must be properties", record.getSimpleName())
        .containsAll(texts(schema.path("required")));
  }

  @ParameterizedTest
  @MethodSource("recordsOnTheWire")
  void enumFieldsReferenceSchemasWithTheSameConstants(Class<? extends Record> record) {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getType().isEnum()) {
        JsonNode property =
            doc.at("/components/schemas/" + record.getSimpleName() + "/properties")
                .path(component.getName());
        String ref = property.path("$ref").asString();
        assertThat(ref).isEqualTo("#/components/schemas/" + component.getType().getSimpleName());
      }
    }
  }

  @Test
  void enumSchemasListEveryConstant() {
    for (Class<? extends Enum<?>> type :
        List.of(
            Channel.class,
            AttemptState.class,
            NotificationState.class,
            SettlementScope.class,
            io.parcelbell.contracts.events.FlowRunStatus.class,
            io.parcelbell.contracts.events.FlowDeliveryOutcome.class)) {
      Set<String> constants = new TreeSet<>();
      Arrays.stream(type.getEnumConstants()).forEach(c -> constants.add(c.name()));
      assertThat(
              new TreeSet<>(texts(doc.at("/components/schemas/" + type.getSimpleName() + "/enum"))))
          .as("enum %s", type.getSimpleName())
          .isEqualTo(constants);
    }
  }

  @Test
  void everyEventHasAMessageWithItsCloudEventsTypeOnTheRightTopic() {
    Map<String, String> topicOfChannel =
        Map.of(
            "shipmentStatus", Topics.SHIPMENT_STATUS,
            "notificationLifecycle", Topics.NOTIFICATION_LIFECYCLE,
            "notificationOutcome", Topics.NOTIFICATION_OUTCOME,
            "notificationCommands", Topics.NOTIFICATION_COMMANDS,
            "flowActivity", Topics.FLOW_ACTIVITY);
    topicOfChannel.forEach(
        (channel, topic) ->
            assertThat(doc.at("/channels/" + channel + "/address").asString()).isEqualTo(topic));

    EventTypes.all()
        .forEach(
            (type, ceType) -> {
              JsonNode message = doc.at("/components/messages/" + type.getSimpleName());
              assertThat(message.path("x-ce-type").asString()).isEqualTo(ceType);
              assertThat(message.at("/payload/$ref").asString())
                  .isEqualTo("#/components/schemas/" + type.getSimpleName());
              assertThat(channelsCarrying(type.getSimpleName())).hasSize(1);
            });
  }

  @Test
  void theAuditRecordHasItsMessageWithItsCloudEventsTypeOnTheAuditTopic() {
    assertThat(doc.at("/channels/audit/address").asString()).isEqualTo(Topics.AUDIT);
    JsonNode message = doc.at("/components/messages/AuditRecorded");
    assertThat(message.path("x-ce-type").asString()).isEqualTo(AuditRecorded.TYPE);
    assertThat(message.at("/payload/$ref").asString())
        .isEqualTo("#/components/schemas/AuditRecorded");
    assertThat(channelsCarrying("AuditRecorded")).containsExactly("audit");
  }

  private static List<String> channelsCarrying(String message) {
    List<String> channels = new ArrayList<>();
    doc.path("channels")
        .properties()
        .forEach(
            channel -> {
              if (channel.getValue().path("messages").has(message)) {
                channels.add(channel.getKey());
              }
            });
    return channels;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> asRecord(Class<? extends ParcelbellEvent> type) {
    return (Class<? extends Record>) type;
  }

  private static Set<String> componentNames(Class<? extends Record> record) {
    Set<String> names = new TreeSet<>();
    Arrays.stream(record.getRecordComponents()).forEach(c -> names.add(c.getName()));
    return names;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    names.addAll(node.propertyNames());
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}

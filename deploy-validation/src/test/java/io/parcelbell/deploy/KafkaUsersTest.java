package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service reaches Kafka as its own user with exactly the ACLs its code needs; consuming teams
 * get a read-only template. A new topic a service writes without an ACL here fails in the cluster,
 * so the table below is kept beside the code's topic list (DESIGN.md).
 */
class KafkaUsersTest {

  private static final String P = "parcelbell.";

  /** user → "topic or group:name" → operations; the whole of what each service may do. */
  private static final Map<String, Map<String, Set<String>>> EXPECTED =
      Map.of(
          "parcelbell-ingest",
          Map.of(P + "shipment-status.v1", Set.of("Describe", "Write")),
          "parcelbell-notifier",
          Map.of(
              P + "shipment-status.v1",
              Set.of("Describe", "Read"),
              P + "notification-outcome.v1",
              Set.of("Describe", "Read"),
              "group:parcelbell-notifier",
              Set.of("Read"),
              P + "notification-lifecycle.v1",
              Set.of("Describe", "Write"),
              P + "shipment-status.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-outcome.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-commands.v1",
              Set.of("Describe", "Read"),
              P + "notification-commands.v1.DLT",
              Set.of("Describe", "Write")),
          "parcelbell-report",
          Map.of(
              P + "report.bizgo-reports.v1",
              Set.of("Describe", "Read", "Write"),
              P + "notification-lifecycle.v1",
              Set.of("Describe", "Read"),
              "group:parcelbell-report",
              Set.of("Read"),
              P + "notification-outcome.v1",
              Set.of("Describe", "Write"),
              P + "report.bizgo-reports.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-lifecycle.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-commands.v1",
              Set.of("Describe", "Write"),
              P + "audit.v1",
              Set.of("Describe", "Read", "Write"),
              P + "audit.v1.DLT",
              Set.of("Describe", "Write")),
          "parcelbell-flow",
          Map.of(
              P + "shipment-status.v1",
              Set.of("Describe", "Read"),
              P + "notification-lifecycle.v1",
              Set.of("Describe", "Read"),
              P + "notification-outcome.v1",
              Set.of("Describe", "Read"),
              "group:parcelbell-flow",
              Set.of("Read"),
              P + "shipment-status.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-lifecycle.v1.DLT",
              Set.of("Describe", "Write"),
              P + "notification-outcome.v1.DLT",
              Set.of("Describe", "Write"),
              P + "flow-activity.v1",
              Set.of("Describe", "Write"),
              P + "audit.v1",
              Set.of("Describe", "Write")));

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void eachServiceSignsInAsItsOwnUserWithOnlyTheAclsItNeeds(String overlay) throws Exception {
    List<JsonNode> docs = RenderedOverlaysTest.render(overlay);
    Map<String, Map<String, Set<String>>> users = new TreeMap<>();
    for (KafkaUser user : StrictManifests.bindAll(docs, KafkaUser.class)) {
      assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "parcelbell");
      assertThat(user.getSpec().getAuthentication())
          .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
      users.put(user.getMetadata().getName(), acls(user));
    }
    assertThat(users).isEqualTo(EXPECTED);
    assertThat(EXPECTED.values())
        .flatMap(Map::keySet)
        .filteredOn(name -> !name.startsWith("group:"))
        .allSatisfy(topic -> assertThat(RenderedOverlaysTest.TOPICS).contains(topic));

    // Each Deployment uses its own user's credentials over SASL_SSL; the console uses no Kafka.
    for (Deployment d : StrictManifests.bindAll(docs, Deployment.class)) {
      String service = d.getMetadata().getName().replace("-service", "");
      if (service.equals("console")) {
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
            .noneSatisfy(e -> assertThat(e.getName()).startsWith("SPRING_KAFKA"));
        continue;
      }
      List<EnvVar> env = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
      assertThat(env)
          .filteredOn(e -> e.getName().equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("parcelbell-" + service);
                assertThat(e.getValueFrom().getSecretKeyRef().getKey())
                    .isEqualTo("sasl.jaas.config");
              });
    }
    assertThat(configMapEntries(docs))
        .contains(
            entry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
            entry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512"));
  }

  @Test
  void theReaderTemplateReadsThePublicTopicsAndNothingElse() throws Exception {
    String template =
        Files.readString(Tools.REPO.resolve("deploy/templates/kafka-reader-user.yaml"))
            .replace("TEAM", "crm");
    List<JsonNode> docs = StrictManifests.documents(template);
    assertThat(docs).hasSize(1);
    KafkaUser user = (KafkaUser) StrictManifests.bind(docs.get(0));

    assertThat(user.getMetadata().getName()).isEqualTo("parcelbell-reader-crm");
    assertThat(acls(user))
        .isEqualTo(
            Map.of(
                P + "shipment-status.v1",
                Set.of("Describe", "Read"),
                P + "notification-lifecycle.v1",
                Set.of("Describe", "Read"),
                P + "notification-outcome.v1",
                Set.of("Describe", "Read"),
                P + "flow-activity.v1",
                Set.of("Describe", "Read"),
                "group:crm-*",
                Set.of("Read")));
  }

  @Test
  void theAuditReaderTemplateReadsTheAuditLogAndNothingElse() throws Exception {
    String template =
        Files.readString(Tools.REPO.resolve("deploy/templates/kafka-audit-reader-user.yaml"))
            .replace("TEAM", "siem");
    KafkaUser user = (KafkaUser) StrictManifests.bind(StrictManifests.documents(template).get(0));

    assertThat(user.getMetadata().getName()).isEqualTo("parcelbell-audit-reader-siem");
    assertThat(acls(user))
        .isEqualTo(
            Map.of(P + "audit.v1", Set.of("Describe", "Read"), "group:siem-*", Set.of("Read")));
  }

  private static Map<String, Set<String>> acls(KafkaUser user) {
    var authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
    Map<String, Set<String>> acls = new TreeMap<>();
    for (AclRule rule : authorization.getAcls()) {
      String key;
      if (rule.getResource() instanceof AclRuleTopicResource t) {
        assertThat(t.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
        key = t.getName();
      } else if (rule.getResource() instanceof AclRuleGroupResource g) {
        key =
            "group:"
                + g.getName()
                + (g.getPatternType() == AclResourcePatternType.PREFIX ? "*" : "");
      } else {
        throw new AssertionError("unexpected ACL resource " + rule.getResource());
      }
      Set<String> operations = new TreeSet<>();
      rule.getOperations().stream().map(AclOperation::toValue).forEach(operations::add);
      assertThat(acls.put(key, operations)).as("one rule per resource: %s", key).isNull();
    }
    return acls;
  }

  private static Map<String, String> configMapEntries(List<JsonNode> docs) {
    Map<String, String> entries = new TreeMap<>();
    StrictManifests.bindAll(docs, io.fabric8.kubernetes.api.model.ConfigMap.class)
        .forEach(c -> entries.putAll(c.getData()));
    return entries;
  }
}

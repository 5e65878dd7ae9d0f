package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the validation can fail: a misspelled field anywhere in a document is rejected. */
class StrictBindingTest {

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ingest-service
      spec:
        replicas: 2
        selector:
          matchLabels:
            app.kubernetes.io/name: ingest-service
        template:
          metadata:
            labels:
              app.kubernetes.io/name: ingest-service
          spec:
            containers:
              - name: ingest-service
                image: parcelbell/ingest-service:0.1.0-SNAPSHOT
                securityContext:
                  readOnlyRootFilesystem: true
      """;

  static JsonNode one(String yaml) throws Exception {
    List<JsonNode> docs = StrictManifests.documents(yaml);
    assertThat(docs).hasSize(1);
    return docs.get(0);
  }

  @Test
  void theCorrectDocumentBinds() throws Exception {
    Deployment d = (Deployment) StrictManifests.bind(one(DEPLOYMENT));
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getAdditionalProperties()).isEmpty();
  }

  @Test
  void aMisspelledTopLevelSpecFieldIsRejected() throws Exception {
    JsonNode doc = one(DEPLOYMENT.replace("replicas: 2", "replicaz: 2"));
    assertThatThrownBy(() -> StrictManifests.bind(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apps/v1/Deployment ingest-service")
        .hasMessageContaining("replicaz");
  }

  @Test
  void aMisspelledDeeplyNestedFieldIsRejected() throws Exception {
    JsonNode doc =
        one(DEPLOYMENT.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"));
    assertThatThrownBy(() -> StrictManifests.bind(doc))
        .hasMessageContaining("readOnlyRootFileSystem");
  }

  @Test
  void aMisspelledFieldInARenderedBaseFileIsRejected() throws Exception {
    // The real manifest, one character off: this is what a typo in deploy/ would look like to the
    // build.
    String ingest = Files.readString(Tools.REPO.resolve("deploy/base/ingest.yaml"));
    assertThat(ingest).contains("  replicas: 2");
    List<JsonNode> docs =
        StrictManifests.documents(ingest.replace("  replicas: 2", "  replicaz: 2"));
    JsonNode deployment =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThatThrownBy(() -> StrictManifests.bind(deployment)).hasMessageContaining("replicaz");
  }

  @Test
  void crdModelsAreStrictToo() throws Exception {
    String topic =
        """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata:
          name: t
          labels:
            strimzi.io/cluster: parcelbell
        spec:
          topicName: t
          partitions: 3
          replicas: 1
        """;
    assertThat(((KafkaTopic) StrictManifests.bind(one(topic))).getSpec().getPartitions())
        .isEqualTo(3);
    assertThatThrownBy(() -> StrictManifests.bind(one(topic.replace("partitions:", "partitons:"))))
        .hasMessageContaining("partitons");

    String rule =
        """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: r
        spec:
          groups:
            - name: g
              rules:
                - alert: A
                  expr: vector(1) > 0
                  for: 10m
        """;
    assertThat(StrictManifests.bind(one(rule))).isNotNull();
    assertThatThrownBy(() -> StrictManifests.bind(one(rule.replace("expr:", "exp:"))))
        .hasMessageContaining("exp");
  }

  @Test
  void anUnknownKindIsRejected() throws Exception {
    JsonNode doc = one("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n");
    assertThatThrownBy(() -> StrictManifests.bind(doc)).hasMessageContaining("no typed model");
  }
}

package io.parcelbell.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes YAML into the typed models (fabric8 for core kinds and the Prometheus operator,
 * Strimzi's own api for KafkaTopic), rejecting any field the model does not know.
 *
 * <p>FAIL_ON_UNKNOWN_PROPERTIES alone is not enough: every fabric8 and Strimzi model class has a
 * {@code @JsonAnySetter} "additionalProperties" map that silently swallows unknown fields (a {@code
 * replicaz} would just land there). The modifier removes that any-setter from every bean, so an
 * unknown field fails.
 */
final class StrictManifests {

  /**
   * apiVersion/kind to model class; a kind not listed here fails validation (nothing goes
   * unchecked).
   */
  static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
          Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
          Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
          Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
          Map.entry(
              "policy/v1/PodDisruptionBudget",
              io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
          Map.entry(
              "autoscaling/v2/HorizontalPodAutoscaler",
              io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
          Map.entry(
              "networking.k8s.io/v1/NetworkPolicy",
              io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
          Map.entry(
              "networking.k8s.io/v1/Ingress",
              io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
          Map.entry(
              "kafka.strimzi.io/v1beta2/KafkaTopic",
              io.strimzi.api.kafka.model.topic.KafkaTopic.class),
          Map.entry(
              "kafka.strimzi.io/v1beta2/KafkaUser",
              io.strimzi.api.kafka.model.user.KafkaUser.class),
          Map.entry(
              "monitoring.coreos.com/v1/ServiceMonitor",
              io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
          Map.entry(
              "monitoring.coreos.com/v1/PrometheusRule",
              io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .registerModule(
              new SimpleModule("no-any-setter")
                  .setDeserializerModifier(
                      new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription description,
                            BeanDeserializerBuilder builder) {
                          builder.setAnySetter(null);
                          return builder;
                        }
                      }));

  private StrictManifests() {}

  /** The non-empty documents of a multi-document YAML stream. */
  static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  static String typeOf(JsonNode doc) {
    return doc.path("apiVersion").asText("?") + "/" + doc.path("kind").asText("?");
  }

  /**
   * Binds one document to its model; throws with the document's kind and name if anything is
   * unknown.
   */
  static Object bind(JsonNode doc) {
    String type = typeOf(doc);
    String where = type + " " + doc.path("metadata").path("name").asText("<no name>");
    Class<?> model = MODELS.get(type);
    if (model == null) {
      throw new IllegalArgumentException(where + ": no typed model for this apiVersion/kind");
    }
    try {
      return STRICT.treeToValue(doc, model);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": " + e.getOriginalMessage(), e);
    }
  }

  static <T> List<T> bindAll(List<JsonNode> docs, Class<T> model) {
    return docs.stream()
        .map(StrictManifests::bind)
        .filter(model::isInstance)
        .map(model::cast)
        .toList();
  }
}

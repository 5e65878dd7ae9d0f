package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every overlay with `kubectl kustomize` and checks the output against the typed models and
 * our rules.
 */
class RenderedOverlaysTest {

  static final Set<String> TOPICS =
      Set.of(
          "parcelbell.shipment-status.v1",
          "parcelbell.notification-lifecycle.v1",
          "parcelbell.notification-outcome.v1",
          "parcelbell.report.bizgo-reports.v1",
          "parcelbell.shipment-status.v1.DLT",
          "parcelbell.notification-lifecycle.v1.DLT",
          "parcelbell.notification-outcome.v1.DLT",
          "parcelbell.report.bizgo-reports.v1.DLT",
          "parcelbell.audit.v1",
          "parcelbell.audit.v1.DLT",
          "parcelbell.notification-commands.v1",
          "parcelbell.notification-commands.v1.DLT",
          "parcelbell.flow-activity.v1",
          "parcelbell.flow-activity.v1.DLT");

  /**
   * Secrets and the site ConfigMaps (Bizgo, OpenID Connect) are created by ops (deploy/README.md),
   * never rendered from the repo; the Kafka users' Secrets by Strimzi's User Operator.
   */
  static final Set<String> EXTERNAL_REFS =
      Set.of(
          "parcelbell-ingest-secrets",
          "parcelbell-notifier-secrets",
          "parcelbell-report-secrets",
          "parcelbell-flow-secrets",
          "parcelbell-bizgo",
          "parcelbell-oidc",
          "parcelbell-cluster-ca-cert",
          "parcelbell-ingest",
          "parcelbell-notifier",
          "parcelbell-report",
          "parcelbell-flow");

  static List<JsonNode> render(String overlay) throws Exception {
    // kubectl is not in Debian's archive; .ci/run installs it when an apt source has it. Without it
    // the
    // overlays cannot be rendered here, but BaseManifestsTest still validates every base manifest.
    assumeTrue(
        Tools.onPath("kubectl"),
        "SKIPPED: kubectl not on PATH, deploy/overlays not rendered (install kubectl >= 1.27 to run this test)");
    Tools.Result r = Tools.run(List.of("kubectl", "kustomize", "deploy/overlays/" + overlay));
    assertThat(r.exitCode()).as("kubectl kustomize %s failed: %s", overlay, r.stderr()).isZero();
    List<JsonNode> docs = StrictManifests.documents(r.stdout());
    assertThat(docs).isNotEmpty();
    return docs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyRenderedDocumentBindsStrictlyToItsModel(String overlay) throws Exception {
    List<JsonNode> docs = render(overlay);
    for (JsonNode doc : docs) {
      StrictManifests.bind(doc); // throws, naming the document, on an unknown kind or field
    }
    Map<String, Long> kinds =
        docs.stream()
            .collect(Collectors.groupingBy(StrictManifests::typeOf, Collectors.counting()));
    assertThat(kinds)
        .containsEntry("apps/v1/Deployment", 5L)
        .containsEntry("v1/Service", 5L)
        .containsEntry("v1/ServiceAccount", 5L)
        .containsEntry("v1/ConfigMap", 5L)
        .containsEntry("policy/v1/PodDisruptionBudget", 5L)
        .containsEntry("autoscaling/v2/HorizontalPodAutoscaler", 2L)
        .containsEntry("kafka.strimzi.io/v1beta2/KafkaTopic", 14L)
        .containsEntry("kafka.strimzi.io/v1beta2/KafkaUser", 4L)
        .containsEntry("networking.k8s.io/v1/NetworkPolicy", 9L)
        .containsEntry("networking.k8s.io/v1/Ingress", 2L)
        .containsEntry("monitoring.coreos.com/v1/ServiceMonitor", 1L)
        .containsEntry("monitoring.coreos.com/v1/PrometheusRule", 1L)
        .doesNotContainKey("v1/Secret");
    assertThat(docs)
        .allSatisfy(d -> assertThat(d.path("metadata").path("namespace").asText()).isNotEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploymentsAreHardenedProbedAndWired(String overlay) throws Exception {
    List<JsonNode> docs = render(overlay);
    Set<String> configMaps =
        StrictManifests.bindAll(docs, ConfigMap.class).stream()
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toSet());
    List<Deployment> deployments = StrictManifests.bindAll(docs, Deployment.class);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ingest-service", "notifier-service", "report-service", "flow-service", "console");
    for (Deployment d : deployments) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30);
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
      Container c = pod.getContainers().get(0);
      assertThat(c.getLivenessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/liveness");
      assertThat(c.getReadinessProbe().getHttpGet().getPath())
          .isEqualTo("/actuator/health/readiness");
      assertThat(c.getLifecycle().getPreStop()).isNotNull();
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKey("memory");
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(c.getVolumeMounts())
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
      assertThat(c.getEnvFrom())
          .allSatisfy(e -> assertThat(configMaps).contains(e.getConfigMapRef().getName()));
      for (EnvVar e : c.getEnv()) {
        String ref =
            e.getValueFrom().getSecretKeyRef() != null
                ? e.getValueFrom().getSecretKeyRef().getName()
                : e.getValueFrom().getConfigMapKeyRef().getName();
        assertThat(EXTERNAL_REFS)
            .as("env %s of %s", e.getName(), d.getMetadata().getName())
            .contains(ref);
      }
    }
    // A secret without a production default is never optional: a missing key stops the pod
    // (CreateContainerConfigError) instead of letting it run without the secret.
    assertThat(deployments)
        .flatExtracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .filteredOn(e -> e.getValueFrom().getSecretKeyRef() != null)
        .filteredOn(e -> Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()))
        .extracting(EnvVar::getName)
        .containsExactly("PARCELBELL_REPORT_BIZGO_SIGNATURESECRET");
    Map<String, String> flowSecrets =
        byName(docs)
            .get("flow-service")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .stream()
            .filter(e -> e.getValueFrom().getSecretKeyRef() != null)
            .collect(
                Collectors.toMap(
                    EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef().getName()));
    assertThat(flowSecrets)
        .containsEntry("PARCELBELL_FLOW_ENCRYPTION_PASSWORD", "parcelbell-flow-secrets")
        .containsEntry("PARCELBELL_FLOW_ENCRYPTION_SALT", "parcelbell-flow-secrets")
        .containsEntry("SPRING_MONGODB_URI", "parcelbell-flow-secrets");
  }

  /** Every private, shared, link-local, loopback and "this network" IPv4 range. */
  static final Set<String> NON_PUBLIC_IPV4 =
      Set.of(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.168.0.0/16");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void networkPoliciesAdmitOnlyTheIngressControllerAndPrometheusAndFlowAloneReachesTheInternet(
      String overlay) throws Exception {
    List<JsonNode> docs = render(overlay);
    List<NetworkPolicy> policies = StrictManifests.bindAll(docs, NetworkPolicy.class);
    Map<String, NetworkPolicy> byName =
        policies.stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));

    NetworkPolicy deny = byName.get("default-deny-ingress");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();

    // Prometheus scrapes every service's port.
    Set<Integer> servicePorts =
        StrictManifests.bindAll(docs, Service.class).stream()
            .flatMap(s -> s.getSpec().getPorts().stream())
            .map(ServicePort::getPort)
            .collect(Collectors.toSet());
    assertThat(servicePorts).containsExactlyInAnyOrder(8081, 8082, 8083, 8084, 8085);
    assertThat(byName.get("allow-prometheus-scrape").getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts())
                    .extracting(p -> p.getPort().getIntVal())
                    .containsExactlyInAnyOrderElementsOf(servicePorts));

    // The ingress controller reaches ingest, report, flow and the console, each on its own port
    // only; the console (and nothing else in the namespace) reaches report's and flow's APIs.
    Map<String, List<Integer>> fromIngressController = new TreeMap<>();
    Map<String, List<Integer>> fromConsole = new TreeMap<>();
    for (NetworkPolicy p : policies) {
      Map<String, String> selector = p.getSpec().getPodSelector().getMatchLabels();
      if (!p.getSpec().getPolicyTypes().contains("Ingress")
          || selector == null
          || !selector.containsKey("app.kubernetes.io/name")) {
        continue;
      }
      if (p.getMetadata().getName().startsWith("allow-console-to-")) {
        for (var rule : p.getSpec().getIngress()) {
          assertThat(rule.getFrom())
              .singleElement()
              .satisfies(
                  f -> {
                    assertThat(f.getNamespaceSelector()).isNull();
                    assertThat(f.getPodSelector().getMatchLabels())
                        .containsExactly(Map.entry("app.kubernetes.io/name", "console"));
                  });
          rule.getPorts()
              .forEach(
                  port ->
                      fromConsole
                          .computeIfAbsent(
                              selector.get("app.kubernetes.io/name"), k -> new ArrayList<>())
                          .add(port.getPort().getIntVal()));
        }
        continue;
      }
      for (var rule : p.getSpec().getIngress()) {
        assertThat(rule.getFrom())
            .singleElement()
            .satisfies(
                f ->
                    assertThat(f.getNamespaceSelector().getMatchLabels())
                        .containsExactly(
                            Map.entry("kubernetes.io/metadata.name", "ingress-nginx")));
        rule.getPorts()
            .forEach(
                port ->
                    fromIngressController
                        .computeIfAbsent(
                            selector.get("app.kubernetes.io/name"), k -> new ArrayList<>())
                        .add(port.getPort().getIntVal()));
      }
    }
    assertThat(fromIngressController)
        .isEqualTo(
            Map.of(
                "ingest-service", List.of(8081),
                "report-service", List.of(8083),
                "flow-service", List.of(8084),
                "console", List.of(8085)));
    assertThat(fromConsole)
        .isEqualTo(Map.of("report-service", List.of(8083), "flow-service", List.of(8084)));

    // Egress is restricted for flow-service alone (it calls URLs operators enter).
    NetworkPolicy egress =
        assertThat(policies)
            .filteredOn(p -> p.getSpec().getPolicyTypes().contains("Egress"))
            .singleElement()
            .actual();
    assertThat(egress.getSpec().getPolicyTypes()).containsExactly("Egress");
    assertThat(egress.getSpec().getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("app.kubernetes.io/name", "flow-service"));
    Set<String> allowedPorts = new TreeSet<>();
    for (NetworkPolicyEgressRule rule : egress.getSpec().getEgress()) {
      // No rule opens every port or every destination.
      assertThat(rule.getPorts()).isNotEmpty();
      assertThat(rule.getTo()).isNotEmpty();
      List<String> ports =
          rule.getPorts().stream()
              .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
              .toList();
      allowedPorts.addAll(ports);
      List<IPBlock> blocks =
          rule.getTo().stream()
              .map(NetworkPolicyPeer::getIpBlock)
              .filter(Objects::nonNull)
              .toList();
      if (blocks.isEmpty()) {
        // In-cluster destinations, chosen by namespace: DNS, Kafka, MongoDB; never HTTPS.
        assertThat(rule.getTo()).allSatisfy(t -> assertThat(t.getNamespaceSelector()).isNotNull());
        assertThat(ports).doesNotContain("TCP/443");
      } else {
        // The internet: HTTPS only, and none of the private, link-local or loopback ranges.
        assertThat(rule.getTo()).allSatisfy(t -> assertThat(t.getIpBlock()).isNotNull());
        assertThat(ports).containsExactly("TCP/443");
        assertThat(blocks)
            .extracting(IPBlock::getCidr)
            .containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
        assertThat(blocks)
            .filteredOn(b -> b.getCidr().equals("0.0.0.0/0"))
            .singleElement()
            .satisfies(b -> assertThat(b.getExcept()).containsAll(NON_PUBLIC_IPV4));
        assertThat(blocks)
            .filteredOn(b -> b.getCidr().equals("::/0"))
            .singleElement()
            .satisfies(b -> assertThat(b.getExcept()).contains("::1/128", "fc00::/7", "fe80::/10"));
      }
    }
    assertThat(allowedPorts)
        .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/9093", "TCP/27017", "TCP/443");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void topicsIngressAndAutoscalersPointAtRealThings(String overlay) throws Exception {
    List<JsonNode> docs = render(overlay);
    assertThat(StrictManifests.bindAll(docs, KafkaTopic.class))
        .allSatisfy(t -> assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster"))
        .extracting(t -> t.getSpec().getTopicName())
        .containsExactlyInAnyOrderElementsOf(TOPICS);

    Set<String> services =
        StrictManifests.bindAll(docs, Service.class).stream()
            .map(s -> s.getMetadata().getName())
            .collect(Collectors.toSet());
    List<Ingress> ingresses = StrictManifests.bindAll(docs, Ingress.class);
    // The console's own Ingress: its pages, sign-in and static files to the console (never
    // /actuator: metrics stay inside the cluster), a browser kept on one pod.
    Ingress console =
        assertThat(ingresses)
            .filteredOn(i -> i.getMetadata().getName().equals("parcelbell-console"))
            .singleElement()
            .actual();
    assertThat(console.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
    List<HTTPIngressPath> consolePaths =
        console.getSpec().getRules().stream()
            .flatMap(r -> r.getHttp().getPaths().stream())
            .toList();
    assertThat(consolePaths)
        .allSatisfy(p -> assertThat(p.getBackend().getService().getName()).isEqualTo("console"))
        .extracting(p -> p.getPath() + " " + p.getPathType())
        .contains("/ Exact", "/notifications Prefix", "/oauth2 Prefix", "/login Prefix")
        .noneMatch(p -> p.startsWith("/actuator") || p.equals("/ Prefix"));
    // Every page and static folder the console serves is routed: a new page is not a 404 in prod.
    assertThat(consolePaths)
        .extracting(p -> p.getPath())
        .containsAll(ConsolePaths.served(Path.of("..", "console", "src", "main")));
    // The webhooks' Ingress exposes the three webhook paths and nothing else of the services.
    List<HTTPIngressPath> paths =
        ingresses.stream()
            .filter(i -> !i.getMetadata().getName().equals("parcelbell-console"))
            .flatMap(i -> i.getSpec().getRules().stream())
            .flatMap(r -> r.getHttp().getPaths().stream())
            .toList();
    assertThat(paths)
        .extracting(HTTPIngressPath::getPath)
        .containsExactlyInAnyOrder(
            "/api/webhook/delivery", "/webhook/bizgo/report", "/webhook/bizgo/alimtalk");
    assertThat(paths)
        .allSatisfy(p -> assertThat(services).contains(p.getBackend().getService().getName()));

    Set<String> deployments =
        StrictManifests.bindAll(docs, Deployment.class).stream()
            .map(d -> d.getMetadata().getName())
            .collect(Collectors.toSet());
    assertThat(StrictManifests.bindAll(docs, HorizontalPodAutoscaler.class))
        .extracting(h -> h.getSpec().getScaleTargetRef().getName())
        .containsExactlyInAnyOrder("ingest-service", "notifier-service")
        .allSatisfy(n -> assertThat(deployments).contains(n));
    assertThat(docs)
        .filteredOn(d -> StrictManifests.typeOf(d).endsWith("/PrometheusRule"))
        .flatExtracting(d -> d.findValuesAsText("alert"))
        .filteredOn(Objects::nonNull)
        .containsExactlyInAnyOrder(
            "ParcelbellDeliveryFailureRateHigh",
            "ParcelbellNoDeliveryReports",
            "ParcelbellBizgoCredentialsRejected",
            "ParcelbellNotifierRecordFailing",
            "ParcelbellDeadLetterTopicNotEmpty",
            "ParcelbellConsumerLagGrowing",
            "ParcelbellFlowDeliveriesFailing",
            "ParcelbellFlowDestinationDisabled",
            "ParcelbellFlowTimersLate");
  }

  @org.junit.jupiter.api.Test
  void devAndProdDifferInReplicasResourcesAndConfiguration() throws Exception {
    Map<String, Deployment> dev = byName(render("dev"));
    Map<String, Deployment> prod = byName(render("prod"));
    assertThat(dev.values()).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
    // Three of each service (one per partition pair); the console, stateless but for sessions, two.
    assertThat(prod.values())
        .allSatisfy(
            d ->
                assertThat(d.getSpec().getReplicas())
                    .isEqualTo(d.getMetadata().getName().equals("console") ? 2 : 3));
    for (String name : dev.keySet()) {
      Container devC = dev.get(name).getSpec().getTemplate().getSpec().getContainers().get(0);
      Container prodC = prod.get(name).getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(devC.getResources()).isNotEqualTo(prodC.getResources());
      // The generated ConfigMap's name carries a hash of its content: different configuration,
      // different name.
      assertThat(devC.getEnvFrom().get(0).getConfigMapRef().getName())
          .isNotEqualTo(prodC.getEnvFrom().get(0).getConfigMapRef().getName());
    }
  }

  static Map<String, Deployment> byName(List<JsonNode> docs) {
    return StrictManifests.bindAll(docs, Deployment.class).stream()
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
  }
}

package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml must be valid with the committed .env.example (no Docker engine needed for
 * this).
 */
class ComposeFileTest {

  @Test
  void composeFileIsValidWithTheExampleEnv() throws Exception {
    assumeTrue(
        Tools.onPath("docker-compose"),
        "SKIPPED: docker-compose not on PATH (Debian package docker-compose; .ci/run installs it)");
    Tools.Result r =
        Tools.run(
            List.of(
                "docker-compose",
                "-f",
                "docker-compose.yml",
                "--env-file",
                ".env.example",
                "config",
                "-q"));
    assertThat(r.exitCode()).as("docker-compose config: %s", r.stderr()).isZero();

    Tools.Result services =
        Tools.run(
            List.of(
                "docker-compose",
                "-f",
                "docker-compose.yml",
                "--env-file",
                ".env.example",
                "config",
                "--services"));
    assertThat(services.stdout().lines())
        .containsExactlyInAnyOrder(
            "kafka",
            "kafka-init",
            "mongo",
            "ingest-service",
            "notifier-service",
            "report-service",
            "flow-service",
            "console",
            "bizgo-sandbox");
  }

  /**
   * kafka-init creates exactly the topics the Strimzi KafkaTopics do (the services create none).
   */
  @Test
  void kafkaInitCreatesTheSameTopicsAsKubernetes() throws Exception {
    JsonNode compose = config(".env.example");
    String script = compose.at("/services/kafka-init/command").toString();
    Set<String> topics = new TreeSet<>();
    Matcher m = Pattern.compile("parcelbell\\.[A-Za-z0-9.-]*[A-Za-z0-9]").matcher(script);
    while (m.find()) {
      topics.add(m.group());
    }
    assertThat(topics).containsExactlyInAnyOrderElementsOf(RenderedOverlaysTest.TOPICS);
    assertThat(compose.at("/services").properties())
        .filteredOn(s -> s.getValue().has("environment"))
        .filteredOn(s -> s.getValue().at("/environment/SPRING_KAFKA_BOOTSTRAPSERVERS").isTextual())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder(
            "ingest-service", "notifier-service", "report-service", "flow-service")
        .allSatisfy(
            name ->
                assertThat(
                        compose.at(
                            "/services/" + name + "/environment/PARCELBELL_KAFKA_CREATETOPICS"))
                    .hasToString("\"false\""));
  }

  /**
   * Every secret .env.example leaves as a {@code replace-me} placeholder is required: without it
   * docker-compose refuses, naming it, instead of starting a service on an empty value.
   */
  @Test
  void everyPlaceholderSecretIsRequired() throws Exception {
    assumeTrue(Tools.onPath("docker-compose"), "SKIPPED: docker-compose not on PATH");
    List<String> lines = Files.readAllLines(Tools.REPO.resolve(".env.example"));
    List<String> secrets =
        lines.stream()
            .filter(l -> l.matches("[A-Z0-9_]+=replace-me"))
            .map(l -> l.substring(0, l.indexOf('=')))
            .toList();
    // A variable of the shell wins over the env file: such a one cannot be checked here.
    secrets.stream()
        .filter(s -> System.getenv(s) != null)
        .forEach(s -> System.err.println("not checked, set in this shell: " + s));
    assertThat(secrets)
        .contains("PARCELBELL_FLOW_ENCRYPTION_PASSWORD", "PARCELBELL_FLOW_ENCRYPTION_SALT");
    Path env = Files.createTempFile("deploy-validation", ".env");
    try {
      for (String secret : secrets) {
        if (System.getenv(secret) != null) {
          continue;
        }
        Files.write(env, lines.stream().filter(l -> !l.startsWith(secret + "=")).toList());
        Tools.Result r =
            Tools.run(
                List.of(
                    "docker-compose",
                    "-f",
                    "docker-compose.yml",
                    "--env-file",
                    env.toString(),
                    "config",
                    "-q"));
        assertThat(r.exitCode()).as("docker-compose config without %s", secret).isNotZero();
        assertThat(r.stderr()).contains(secret);
      }
    } finally {
      Files.deleteIfExists(env);
    }
  }

  private static JsonNode config(String envFile) throws Exception {
    assumeTrue(Tools.onPath("docker-compose"), "SKIPPED: docker-compose not on PATH");
    Tools.Result r =
        Tools.run(
            List.of("docker-compose", "-f", "docker-compose.yml", "--env-file", envFile, "config"));
    assertThat(r.exitCode()).as("docker-compose config: %s", r.stderr()).isZero();
    return new ObjectMapper(new YAMLFactory()).readTree(r.stdout());
  }
}

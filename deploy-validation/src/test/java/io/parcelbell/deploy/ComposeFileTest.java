package io.parcelbell.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
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
            "bizgo-sandbox");
  }
}

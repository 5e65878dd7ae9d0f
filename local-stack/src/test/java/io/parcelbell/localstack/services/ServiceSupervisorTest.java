package io.parcelbell.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.localstack.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSupervisorTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void startsAChildJvmWaitsForReadinessForwardsItsOutputAndStopsIt() throws Exception {
    int port = FreePorts.next();
    ServiceSpec spec =
        new ServiceSpec(
            "fake-service",
            FakeServiceJar.write(dir.resolve("fake.jar")),
            port,
            List.of("--server.port=" + port, "--x=1"));

    try (ServiceSupervisor supervisor = new ServiceSupervisor()) {
      supervisor.startAll(List.of(spec), dir, printStream(), true, Duration.ofSeconds(30));

      assertThat(readiness(port)).isEqualTo(200);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Files.readString(dir.resolve("logs/fake-service.log"))
                      .contains("ready on " + port + " with --server.port=" + port + " --x=1"));
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("[fake-service] fake service ready on " + port);
    }

    assertThatThrownBy(() -> readiness(port)).isInstanceOf(ConnectException.class);
    // Asked politely first (SIGTERM), so the service's own shutdown hooks ran and were logged.
    assertThat(Files.readString(dir.resolve("logs/fake-service.log")))
        .contains("fake service stopping gracefully");
  }

  @Test
  void aServiceThatExitsBeforeItIsReadyFailsTheStartWithItsLastLines() throws Exception {
    ServiceSpec spec =
        new ServiceSpec(
            "fake-service",
            FakeServiceJar.write(dir.resolve("fake.jar")),
            FreePorts.next(),
            List.of("--exit"));

    try (ServiceSupervisor supervisor = new ServiceSupervisor()) {
      assertThatThrownBy(
              () ->
                  supervisor.startAll(
                      List.of(spec), dir, printStream(), false, Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("fake-service exited before it was ready")
          .hasMessageContaining("fake service failing on purpose");
    }
    assertThat(console.size()).as("not echoed when echo is off").isZero();
  }

  @Test
  void aMissingJarIsNamedWithTheCommandThatBuildsIt() {
    ServiceSpec spec = new ServiceSpec("ingest-service", dir.resolve("missing.jar"), 1, List.of());

    assertThatThrownBy(() -> ServiceSupervisor.requireJars(List.of(spec)))
        .hasMessageContaining("missing.jar")
        .hasMessageContaining("./mvnw -B -q -DskipTests package");
  }

  private PrintStream printStream() {
    return new PrintStream(console, true, StandardCharsets.UTF_8);
  }

  private static int readiness(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}

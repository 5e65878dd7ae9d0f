package io.parcelbell.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

  @Test
  void defaultsAreTheSharedLocalPorts() {
    StackOptions options = StackOptions.parse(List.of("--repo-dir=/work/repo"));

    assertThat(options.dataDir()).isEqualTo(Path.of("/work/repo/.local-data"));
    assertThat(options.kafkaBootstrapServers()).isEqualTo("localhost:9092");
    assertThat(options.mongoUri("parcelbell-report"))
        .isEqualTo("mongodb://localhost:27017/parcelbell-report");
    assertThat(options.sandboxUrl()).isEqualTo("http://localhost:8090");
    assertThat(options.ingestUrl()).isEqualTo("http://localhost:8081");
    assertThat(options.notifierUrl()).isEqualTo("http://localhost:8082");
    assertThat(options.reportUrl()).isEqualTo("http://localhost:8083");
    assertThat(options.version()).isEqualTo("0.1.0-SNAPSHOT");
  }

  @Test
  void theServicesAreConfiguredWithStandardSpringPropertiesOnly() {
    StackOptions options =
        StackOptions.parse(
            List.of(
                "--repo-dir=/r",
                "--kafka-port=19092",
                "--mongo-port=37017",
                "--sandbox-port=18090",
                "--report-port=18083"));

    assertThat(Stack.services(options))
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("report-service");
              assertThat(s.jar())
                  .isEqualTo(Path.of("/r/report-service/target/report-service-0.1.0-SNAPSHOT.jar"));
              assertThat(s.args())
                  .containsExactly(
                      "--server.port=18083",
                      "--spring.profiles.active=local",
                      "--spring.kafka.bootstrap-servers=localhost:19092",
                      "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9000",
                      "--spring.mongodb.uri=mongodb://localhost:37017/parcelbell-report",
                      "--parcelbell.report.bizgo.base-url=http://localhost:18090",
                      "--parcelbell.report.overview.count-interval=60s");
            });
  }

  @Test
  void flowServiceGetsItsDatabaseAndMayDeliverToTheSandboxsReceiverOnLoopback() {
    StackOptions options =
        StackOptions.parse(List.of("--repo-dir=/r", "--mongo-port=37017", "--flow-port=18084"));

    assertThat(options.flowUrl()).isEqualTo("http://localhost:18084");
    assertThat(options.receiverUrl("crm")).isEqualTo("http://localhost:8090/receiver/crm");
    assertThat(Stack.services(options))
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("flow-service");
              assertThat(s.args())
                  .contains(
                      "--server.port=18084",
                      "--spring.profiles.active=local",
                      "--spring.mongodb.uri=mongodb://localhost:37017/parcelbell-flow",
                      "--parcelbell.flow.allowed-destinations=127.0.0.1/32,::1/128,localhost");
            });
  }

  @Test
  void theOpenIdProviderStartsFirstAsItsOwnIssuer() {
    StackOptions options = StackOptions.parse(List.of("--repo-dir=/r", "--auth-port=19000"));

    assertThat(options.authUrl()).isEqualTo("http://localhost:19000");
    assertThat(StackOptions.parse(List.of("--repo-dir=/r")).authUrl())
        .isEqualTo("http://localhost:9000");
    assertThat(Stack.services(options))
        .first()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("auth-server");
              assertThat(s.jar())
                  .isEqualTo(Path.of("/r/auth-server/target/auth-server-0.1.0-SNAPSHOT.jar"));
              assertThat(s.args())
                  .containsExactly(
                      "--server.port=19000",
                      "--spring.profiles.active=local",
                      "--spring.security.oauth2.authorizationserver.issuer=http://localhost:19000",
                      "--spring.security.oauth2.authorizationserver.client.parcelbell-console"
                          + ".registration.redirect-uris="
                          + "http://localhost:8085/login/oauth2/code/parcelbell",
                      "--spring.security.oauth2.authorizationserver.client.parcelbell-console"
                          + ".registration.post-logout-redirect-uris=http://localhost:8085/");
              assertThat(s.readinessPath()).isEqualTo("/.well-known/openid-configuration");
            });
  }

  @Test
  void extraServiceArgsGoLastAndOnlyToTheirService() {
    StackOptions options =
        StackOptions.parse(List.of("--repo-dir=/r"))
            .withExtraServiceArgs(
                Map.of("report-service", List.of("--parcelbell.report.pending-timeout=2s")));

    assertThat(Stack.services(options))
        .allSatisfy(
            s -> {
              if (s.name().equals("report-service")) {
                assertThat(s.args()).last().isEqualTo("--parcelbell.report.pending-timeout=2s");
              } else {
                assertThat(s.args()).noneMatch(a -> a.contains("pending-timeout"));
              }
            });
    assertThat(StackOptions.parse(List.of("--repo-dir=/r")).extraServiceArgs()).isEmpty();
  }

  @Test
  void aTestsSettingReplacesTheStacksOwnRatherThanJoiningIt() {
    StackOptions options =
        StackOptions.parse(List.of("--repo-dir=/r"))
            .withExtraServiceArgs(
                Map.of(
                    "report-service", List.of("--parcelbell.report.overview.count-interval=1s")));

    var report =
        Stack.services(options).stream()
            .filter(s -> s.name().equals("report-service"))
            .findFirst()
            .orElseThrow();
    assertThat(report.args())
        .filteredOn(a -> a.contains("overview.count-interval"))
        .containsExactly("--parcelbell.report.overview.count-interval=1s");
    assertThat(
            Stack.services(StackOptions.parse(List.of("--repo-dir=/r"))).stream()
                .filter(s -> s.name().equals("report-service"))
                .flatMap(s -> s.args().stream()))
        .contains("--parcelbell.report.overview.count-interval=60s");
  }

  @Test
  void anUnknownOptionIsRefused() {
    assertThatThrownBy(() -> StackOptions.parse(List.of("--kafka=1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.parcelbell.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackBannerTest {

  @Test
  void infraBannerPrintsARunnableJavaCommandPerServiceAgainstTheStartedInfrastructure() {
    StackOptions options =
        StackOptions.parse(List.of("--repo-dir=/r", "--kafka-port=19092", "--mongo-port=37017"));

    String banner = LocalStack.infraBanner(options);

    assertThat(banner)
        .contains(
            "java -jar auth-server/target/auth-server-0.1.0-SNAPSHOT.jar --server.port=9000"
                + " --spring.profiles.active=local --spring.security.oauth2.authorizationserver.issuer=http://localhost:9000"
                + " --spring.security.oauth2.authorizationserver.client.parcelbell-console.registration.redirect-uris="
                + "http://localhost:8085/login/oauth2/code/parcelbell"
                + " --spring.security.oauth2.authorizationserver.client.parcelbell-console.registration"
                + ".post-logout-redirect-uris=http://localhost:8085/\n")
        .contains(
            "java -jar console/target/console-0.1.0-SNAPSHOT.jar --server.port=8085"
                + " --spring.profiles.active=local"
                + " --spring.security.oauth2.client.provider.parcelbell.issuer-uri=http://localhost:9000"
                + " --parcelbell.console.report-url=http://localhost:8083"
                + " --parcelbell.console.flow-url=http://localhost:8084\n")
        .contains(
            "java -jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar --server.port=8081"
                + " --spring.profiles.active=local --spring.kafka.bootstrap-servers=localhost:19092"
                + " --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9000\n")
        .contains(
            "java -jar notifier-service/target/notifier-service-0.1.0-SNAPSHOT.jar"
                + " --server.port=8082 --spring.profiles.active=local --spring.kafka.bootstrap-servers=localhost:19092"
                + " --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9000"
                + " --spring.mongodb.uri=mongodb://localhost:37017/parcelbell-notifier")
        .contains(
            "java -jar report-service/target/report-service-0.1.0-SNAPSHOT.jar --server.port=8083"
                + " --spring.profiles.active=local --spring.kafka.bootstrap-servers=localhost:19092"
                + " --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9000"
                + " --spring.mongodb.uri=mongodb://localhost:37017/parcelbell-report");
  }

  @Test
  void fullBannerShowsEveryEndpointAndAPasteableSignedRequest() {
    StackOptions options = StackOptions.parse(List.of("--repo-dir=/r"));

    assertThat(LocalStack.banner(options))
        .contains("http://localhost:8081", "http://localhost:8083", "localhost:9092")
        .contains("openssl")
        .contains("OpenID provider   http://localhost:9000", "viewer / viewer-local")
        .contains("-u parcelbell-cli:local-cli-secret", "Authorization: Bearer $TOKEN");
  }
}

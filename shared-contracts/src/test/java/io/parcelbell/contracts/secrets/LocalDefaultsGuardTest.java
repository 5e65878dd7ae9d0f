package io.parcelbell.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

class LocalDefaultsGuardTest {

  private static final Resource LOCAL_YML =
      new ByteArrayResource(
          """
          parcelbell:
            demo:
              webhook-secret: local-webhook-secret
              provider:
                api-key: local-api-key
          """
              .getBytes(StandardCharsets.UTF_8));

  @Test
  void refusesEverySecretThatIsUnsetAPlaceholderOrTheLocalStandInNamingSettingAndVariable() {
    var environment = environment(Map.of("parcelbell.demo.webhook-secret", "replace-me"));

    assertThatThrownBy(() -> LocalDefaultsGuard.check(environment, LOCAL_YML))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e ->
                assertThat(e.refused())
                    .containsExactly(
                        new RefusedSetting("parcelbell.demo.provider.api-key", "not set"),
                        new RefusedSetting("parcelbell.demo.webhook-secret", "a placeholder")))
        .hasMessageContaining("PARCELBELL_DEMO_PROVIDER_APIKEY")
        .hasMessageContaining("PARCELBELL_DEMO_WEBHOOKSECRET");
  }

  @Test
  void aLocalStandInIsRefusedEvenAsOneEntryOfAListSetFromAnEnvironmentVariable() {
    var environment = environment(Map.of("parcelbell.demo.provider.api-key", "prod-key-7f3a"));
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PARCELBELL_DEMO_WEBHOOKSECRET", "new-secret-91c2, local-webhook-secret")));

    assertThatThrownBy(() -> LocalDefaultsGuard.check(environment, LOCAL_YML))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e ->
                assertThat(e.refused())
                    .containsExactly(
                        new RefusedSetting("parcelbell.demo.webhook-secret", "the local stand-in")))
        .message()
        .doesNotContain("new-secret-91c2")
        .doesNotContain("prod-key-7f3a");
  }

  @Test
  void realSecretsStart() {
    var environment =
        environment(
            Map.of(
                "parcelbell.demo.webhook-secret", "whsec-2b7e",
                "parcelbell.demo.provider.api-key", "prod-key-7f3a"));

    LocalDefaultsGuard.check(environment, LOCAL_YML);
  }

  @Test
  void theLocalProfileRunsOnItsStandIns() {
    var environment = environment(Map.of());
    environment.setActiveProfiles("local", "benchmark");

    LocalDefaultsGuard.check(environment, LOCAL_YML);
  }

  @Test
  void aServiceWithoutLocalStandInsHasNothingToGuard() {
    LocalDefaultsGuard.check(
        environment(Map.of()),
        new ByteArrayResource(new byte[0]) {
          @Override
          public boolean exists() {
            return false;
          }
        });
  }

  @Test
  void springBootRefusesToStartAndSaysWhatToDo() {
    var application = new SpringApplication(Empty.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setResourceLoader(
        new DefaultResourceLoader() {
          @Override
          public Resource getResource(String location) {
            return location.endsWith("/application-local.yml")
                    || location.equals("classpath:application-local.yml")
                ? LOCAL_YML
                : super.getResource(location);
          }
        });

    assertThatThrownBy(
            () ->
                application.run(
                    "--spring.profiles.active=production",
                    "--parcelbell.demo.webhook-secret=local-webhook-secret"))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e -> {
              FailureAnalysis analysis = new LocalDefaultsFailureAnalyzer().analyze(e);
              assertThat(analysis.getDescription())
                  .contains(
                      "parcelbell.demo.webhook-secret (env PARCELBELL_DEMO_WEBHOOKSECRET) is the"
                          + " local stand-in")
                  .contains("parcelbell.demo.provider.api-key")
                  .doesNotContain("local-webhook-secret");
              assertThat(analysis.getAction()).contains("--spring.profiles.active=local");
            });
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    var environment = new StandardEnvironment();
    // Set explicitly: the build runs every test with the local profile as a system property.
    environment.setActiveProfiles("production");
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  @Configuration(proxyBeanMethods = false)
  static class Empty {}
}

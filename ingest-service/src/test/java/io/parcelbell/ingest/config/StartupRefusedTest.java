package io.parcelbell.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.secrets.LocalDefaultsRefusedException;
import io.parcelbell.contracts.secrets.RefusedSetting;
import io.parcelbell.ingest.IngestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Outside the local profile the service will not start on its secrets' local stand-ins. */
class StartupRefusedTest {

  @Test
  void outsideTheLocalProfileEverySecretMustBeSet() {
    assertThatThrownBy(
            () ->
                SpringApplication.run(
                    IngestApplication.class, "--spring.profiles.active=production"))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e ->
                assertThat(e.refused())
                    .containsExactlyInAnyOrder(
                        new RefusedSetting("parcelbell.ingest.webhook-secret", "not set"),
                        new RefusedSetting("parcelbell.ingest.delivery-api.api-key", "not set"),
                        new RefusedSetting(
                            "parcelbell.ingest.delivery-api.api-secret", "not set")));
  }
}

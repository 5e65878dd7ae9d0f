package io.parcelbell.report.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.secrets.LocalDefaultsRefusedException;
import io.parcelbell.contracts.secrets.RefusedSetting;
import io.parcelbell.report.ReportApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Outside the local profile the service will not start on its secrets' local stand-ins. */
class StartupRefusedTest {

  @Test
  void outsideTheLocalProfileEverySecretMustBeSet() {
    assertThatThrownBy(
            () ->
                SpringApplication.run(
                    ReportApplication.class, "--spring.profiles.active=production"))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e ->
                assertThat(e.refused())
                    .containsExactlyInAnyOrder(
                        new RefusedSetting("parcelbell.report.bizgo.api-key", "not set")));
  }
}

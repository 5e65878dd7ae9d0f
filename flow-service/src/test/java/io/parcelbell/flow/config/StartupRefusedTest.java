package io.parcelbell.flow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.secrets.LocalDefaultsRefusedException;
import io.parcelbell.contracts.secrets.RefusedSetting;
import io.parcelbell.flow.FlowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Outside the local profile the service will not start on its secrets' local stand-ins. */
class StartupRefusedTest {

  @Test
  void outsideTheLocalProfileTheEncryptionKeyMustBeSet() {
    assertThatThrownBy(
            () ->
                SpringApplication.run(FlowApplication.class, "--spring.profiles.active=production"))
        .isInstanceOfSatisfying(
            LocalDefaultsRefusedException.class,
            e ->
                assertThat(e.refused())
                    .containsExactlyInAnyOrder(
                        new RefusedSetting("parcelbell.flow.encryption.password", "not set"),
                        new RefusedSetting("parcelbell.flow.encryption.salt", "not set")));
  }
}

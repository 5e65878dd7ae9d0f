package io.parcelbell.authserver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

class LocalProfileOnlyTest {

  @Test
  void refusesToStartOutsideTheLocalProfile() {
    assertThatThrownBy(
            () ->
                SpringApplication.run(
                    AuthServerApplication.class,
                    "--spring.profiles.active=production",
                    "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runs only with the 'local' profile");
  }
}

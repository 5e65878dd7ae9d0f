package io.parcelbell.flow.config;

import io.parcelbell.contracts.secrets.LocalStandIns;
import org.junit.jupiter.api.Test;

class PropertiesToStringTest {

  @Test
  void noSecretReachesALogLineThroughToString() {
    LocalStandIns.assertToStringHidesSecrets("parcelbell.flow", FlowProperties.class);
  }
}

package io.parcelbell.ingest.config;

import io.parcelbell.contracts.secrets.LocalStandIns;
import org.junit.jupiter.api.Test;

class PropertiesToStringTest {

  @Test
  void noSecretReachesALogLineThroughToString() {
    LocalStandIns.assertToStringHidesSecrets("parcelbell.ingest", IngestProperties.class);
  }
}

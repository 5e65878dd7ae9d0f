package io.parcelbell.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.notifier.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The notifier has no API and no sign-in, so its HTTP port serves the probes and the metrics and
 * nothing else: no info, env, configprops or any other actuator endpoint (README "Access").
 */
@IntegrationTest
class ActuatorExposureIntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void onlyProbesAndMetricsAreServed() {
    WebTestClient http = WebTestClient.bindToApplicationContext(context).build();

    for (String open :
        new String[] {
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/health/readiness",
          "/actuator/prometheus"
        }) {
      http.get().uri(open).exchange().expectStatus().value(s -> assertServed(open, s));
    }
    for (String closed :
        new String[] {
          "/actuator/info", "/actuator/env", "/actuator/configprops", "/actuator/beans",
          "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/actuator/metrics",
          "/actuator/mappings", "/actuator/shutdown"
        }) {
      http.get().uri(closed).exchange().expectStatus().isNotFound();
    }
  }

  /** Readiness may be 503 while the context warms up; what matters is that it is served. */
  private static void assertServed(String path, int status) {
    assertThat(status).as(path).isIn(200, 503);
  }
}

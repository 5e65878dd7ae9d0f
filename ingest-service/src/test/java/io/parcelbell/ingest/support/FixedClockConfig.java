package io.parcelbell.ingest.support;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Server time 30 s after the vectors were signed, so they verify in integration tests. */
@TestConfiguration(proxyBeanMethods = false)
public class FixedClockConfig {

  public static final Clock CLOCK = Clock.fixed(Vectors.SIGNED_AT.plusSeconds(30), ZoneOffset.UTC);

  @Bean
  @Primary
  Clock fixedClock() {
    return CLOCK;
  }
}

package io.parcelbell.ingest.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.security.TestIssuer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service against a real in-JVM Kafka broker (KRaft). One annotation, so every test class
 * using it shares one cached context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      // A slow CI machine must not turn into a 503; the timeout path has its own tests.
      "parcelbell.ingest.publish-timeout=15s",
      "spring.kafka.producer.properties[max.block.ms]=10000",
      // Health tests assert which checks each probe group runs.
      "management.endpoint.health.show-components=always"
    })
@EmbeddedKafka(partitions = 3, topics = Topics.SHIPMENT_STATUS)
@AutoConfigureWebTestClient
@AutoConfigureMetrics
@Import(FixedClockConfig.class)
// Tokens from TestIssuer, validated as a real provider's are (JWKS, issuer, audience, expiry).
@ContextConfiguration(initializers = TestIssuer.Initializer.class)
public @interface IngestIntegrationTest {}

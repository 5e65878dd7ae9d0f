package io.parcelbell.flow.support;

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
 * The whole service on a random port against an embedded KRaft broker and an in-JVM
 * mongo-java-server, with a clock tests can move. Every integration test uses exactly this, so
 * Spring caches one context. Loopback is an allowed destination (receivers are MockWebServers);
 * retries come after 0 s, 200 ms and 200 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
      "parcelbell.kafka.create-topics=false",
      "parcelbell.flow.allowed-destinations=127.0.0.1/32,::1/128,localhost",
      "parcelbell.flow.retry-delays=0s,200ms,200ms",
      "parcelbell.flow.poll-interval=100ms",
      "parcelbell.flow.active-flows-refresh=200ms",
      "parcelbell.flow.delivery-timeout=3s"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      Topics.SHIPMENT_STATUS,
      Topics.NOTIFICATION_LIFECYCLE,
      Topics.NOTIFICATION_OUTCOME,
      Topics.SHIPMENT_STATUS + Topics.DLT_SUFFIX,
      Topics.NOTIFICATION_LIFECYCLE + Topics.DLT_SUFFIX,
      Topics.NOTIFICATION_OUTCOME + Topics.DLT_SUFFIX,
      Topics.AUDIT,
      Topics.FLOW_ACTIVITY
    })
@ContextConfiguration(initializers = {InMemoryMongo.class, TestIssuer.Initializer.class})
@Import(TestClockConfig.class)
@AutoConfigureMetrics
@AutoConfigureWebTestClient
public @interface IntegrationTest {}

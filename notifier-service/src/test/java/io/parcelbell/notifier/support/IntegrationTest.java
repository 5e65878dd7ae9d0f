package io.parcelbell.notifier.support;

import io.parcelbell.contracts.Topics;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service against a real embedded Kafka broker (KRaft), an in-JVM MongoDB-wire server and
 * a fake Bizgo. One annotation, so every test class shares one cached context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    properties = {
      // Its own property: spring.embedded.kafka.brokers is JVM-wide, and the classes that start
      // their own broker beside this context (MongoOutageIntegrationTest runs in parallel) set it.
      "spring.kafka.bootstrap-servers=${" + IntegrationTest.BROKERS + "}",
      "parcelbell.kafka.create-topics=false",
      "resilience4j.retry.instances.bizgo.wait-duration=20ms",
      "resilience4j.retry.instances.bizgo.exponential-max-wait-duration=100ms",
      "parcelbell.notifier.step-timeout=20s",
      "parcelbell.notifier.bizgo.response-timeout=2s",
      "parcelbell.notifier.quiet-hours.release-interval=300ms",
      // A Bizgo outage in a test recovers within seconds of Bizgo's return, not half a minute.
      "resilience4j.circuitbreaker.instances.bizgo.wait-duration-in-open-state=2s",
      "parcelbell.notifier.bizgo.outage-back-off-max=2s",
      "parcelbell.notifier.bizgo.credentials-probe-interval=1s"
    })
@EmbeddedKafka(
    bootstrapServersProperty = IntegrationTest.BROKERS,
    partitions = 1,
    topics = {
      Topics.SHIPMENT_STATUS,
      Topics.NOTIFICATION_LIFECYCLE,
      Topics.NOTIFICATION_OUTCOME,
      Topics.NOTIFICATION_OUTCOME + Topics.DLT_SUFFIX,
      Topics.SHIPMENT_STATUS + Topics.DLT_SUFFIX,
      Topics.NOTIFICATION_COMMANDS,
      Topics.NOTIFICATION_COMMANDS + Topics.DLT_SUFFIX
    })
@ContextConfiguration(initializers = TestInfrastructure.class)
@Import({LifecycleRecorder.class, TestClockConfig.class, MongoCommandCounter.class})
// Metrics export is off in Spring Boot tests unless asked for: /actuator/prometheus is under test.
@AutoConfigureMetrics
public @interface IntegrationTest {

  /** The system property holding this context's broker list. */
  String BROKERS = "parcelbell.test.shared.brokers";
}

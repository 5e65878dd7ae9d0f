package io.parcelbell.report.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.report.intake.ReportTopic;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against an embedded KRaft broker and an in-JVM
 * mongo-java-server. Every integration test uses exactly this, so Spring caches one context.
 *
 * <p>The loopback addresses are trusted proxies here, so a test can pose as any client with
 * X-Forwarded-For; 192.0.2.0/24 (TEST-NET-1) plays Bizgo's second address range.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "parcelbell.report.bizgo.allowed-ips=127.0.0.1/32,::1/128,192.0.2.0/24",
      "parcelbell.report.bizgo.trusted-proxies=127.0.0.1/32,::1/128",
      "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
      // The broker below creates every topic with one partition, and the NewTopic beans would grow
      // them to three: one partition keeps the report topic in order, which tests rely on to know
      // that a report posted before another one has been processed.
      "parcelbell.kafka.create-topics=false",
      // Scheduled but never due during a test run: tests drive the sweeper themselves.
      "parcelbell.report.sweep-interval=6h",
      // Likewise the overview's counting: tests count when they want figures (CountPass).
      "parcelbell.report.overview.count-interval=6h"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      Topics.NOTIFICATION_LIFECYCLE,
      Topics.NOTIFICATION_OUTCOME,
      Topics.NOTIFICATION_LIFECYCLE + Topics.DLT_SUFFIX,
      Topics.AUDIT,
      Topics.NOTIFICATION_COMMANDS,
      Topics.AUDIT + Topics.DLT_SUFFIX,
      ReportTopic.NAME,
      ReportTopic.NAME + Topics.DLT_SUFFIX
    })
// Tokens from TestIssuer, validated as a real provider's are (JWKS, issuer, audience, expiry).
@ContextConfiguration(initializers = {InMemoryMongo.class, TestIssuer.Initializer.class})
// Metrics export is off in Spring Boot tests unless asked for: /actuator/prometheus is under test.
@AutoConfigureMetrics
// Boot 4 no longer binds a WebTestClient to a @SpringBootTest server unless asked.
@AutoConfigureWebTestClient
public @interface IntegrationTest {}

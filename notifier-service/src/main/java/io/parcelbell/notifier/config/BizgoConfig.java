package io.parcelbell.notifier.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.bizgo.BizgoCredentials;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import io.parcelbell.notifier.bizgo.RetryAfterAwareRetry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The Bizgo client and its Resilience4j policies ({@code resilience4j.*.instances.bizgo}). */
@Configuration(proxyBeanMethods = false)
class BizgoConfig {

  @Bean
  BizgoPolicies bizgoPolicies(
      RetryRegistry retries,
      RateLimiterRegistry rateLimiters,
      CircuitBreakerRegistry breakers,
      NotifierProperties properties) {
    // The configured retry plus Bizgo's Retry-After; registered under the same name so its
    // metrics and actuator entry are the ones that act.
    Retry retry =
        RetryAfterAwareRetry.of(
            retries.retry(BizgoPolicies.NAME), properties.bizgo().maxRetryAfter());
    retries.replace(BizgoPolicies.NAME, retry);
    return new BizgoPolicies(
        retry,
        rateLimiters.rateLimiter(BizgoPolicies.NAME),
        breakers.circuitBreaker(BizgoPolicies.NAME));
  }

  @Bean
  BizgoCredentials bizgoCredentials(MeterRegistry meters) {
    return new BizgoCredentials(meters);
  }

  @Bean
  BizgoClient bizgoClient(
      WebClient.Builder builder,
      NotifierProperties properties,
      BizgoPolicies policies,
      BizgoCredentials credentials,
      Clock clock) {
    return BizgoClient.create(builder, properties.bizgo(), policies, credentials, clock);
  }
}

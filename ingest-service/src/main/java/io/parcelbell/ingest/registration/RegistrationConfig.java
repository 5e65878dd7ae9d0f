package io.parcelbell.ingest.registration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.RetryRegistry;
import io.parcelbell.ingest.config.IngestProperties;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Numbers (attempts, backoff, thresholds) live in application.yml under {@code
 * resilience4j.*.instances.deliveryapi}; which failures count is decided here, in code, because it
 * is a correctness rule: a 4xx is never retried and never opens the breaker.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationConfig {

  @Bean
  RetryConfigCustomizer deliveryApiRetryCustomizer() {
    return RetryConfigCustomizer.of(
        DeliveryApiClient.RESILIENCE_INSTANCE,
        // The builder is a raw type here: the cast picks the predicate's type.
        b -> b.retryOnException((Predicate<Throwable>) DeliveryApiClient::isTransient));
  }

  @Bean
  CircuitBreakerConfigCustomizer deliveryApiBreakerCustomizer() {
    return CircuitBreakerConfigCustomizer.of(
        DeliveryApiClient.RESILIENCE_INSTANCE,
        b -> b.recordException(DeliveryApiClient::isTransient));
  }

  @Bean
  DeliveryApiClient deliveryApiClient(
      WebClient.Builder builder,
      IngestProperties properties,
      RetryRegistry retries,
      CircuitBreakerRegistry breakers) {
    return new DeliveryApiClient(
        builder,
        properties.deliveryApi(),
        retries.retry(DeliveryApiClient.RESILIENCE_INSTANCE),
        breakers.circuitBreaker(DeliveryApiClient.RESILIENCE_INSTANCE));
  }
}

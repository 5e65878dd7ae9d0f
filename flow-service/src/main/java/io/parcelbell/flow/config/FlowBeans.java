package io.parcelbell.flow.config;

import io.parcelbell.flow.calendar.BusinessDays;
import io.parcelbell.flow.calendar.HolidayCalendar;
import io.parcelbell.flow.delivery.RetrySchedule;
import io.parcelbell.flow.destinations.DestinationAddressPolicy;
import io.parcelbell.flow.destinations.SecretCipher;
import io.parcelbell.flow.templates.FlowTemplates;
import io.parcelbell.flow.templates.TemplateValidator;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The plain objects the features share, built from {@link FlowProperties}. */
@Configuration(proxyBeanMethods = false)
class FlowBeans {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  @Bean
  FlowTemplates flowTemplates() {
    return new FlowTemplates();
  }

  @Bean
  TemplateValidator templateValidator(FlowTemplates templates) {
    return new TemplateValidator(templates);
  }

  @Bean
  BusinessDays businessDays(FlowProperties properties) {
    return new BusinessDays(HolidayCalendar.korea(properties.holidays().extra()));
  }

  @Bean
  @ConditionalOnMissingBean
  DestinationAddressPolicy destinationAddressPolicy(FlowProperties properties) {
    return new DestinationAddressPolicy(
        properties.allowedDestinations(), DestinationAddressPolicy.systemResolver());
  }

  @Bean
  SecretCipher secretCipher(FlowProperties properties) {
    var encryption = properties.encryption();
    if (encryption == null || encryption.password() == null || encryption.salt() == null) {
      throw new IllegalStateException(
          "parcelbell.flow.encryption.password and .salt are required"
              + " (env PARCELBELL_FLOW_ENCRYPTION_PASSWORD, PARCELBELL_FLOW_ENCRYPTION_SALT)");
    }
    return new SecretCipher(encryption.password(), encryption.salt());
  }

  @Bean
  RetrySchedule retrySchedule(FlowProperties properties) {
    return new RetrySchedule(properties.retryDelays(), properties.maxRetryAfter());
  }
}

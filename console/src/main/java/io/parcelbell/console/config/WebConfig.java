package io.parcelbell.console.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

@Configuration
class WebConfig {

  /** "Today" for the forms' default days; a test replaces it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(name = WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
  LocaleContextResolver localeContextResolver() {
    return new LanguageResolver();
  }
}

package io.parcelbell.report.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, version (the build's) and description, instead of springdoc's. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI reportOpenApi(ObjectProvider<BuildProperties> build) {
    // Without META-INF/build-info.properties (a run from an IDE) the version reads "dev".
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? "dev" : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("parcelbell report-service")
                .version(version)
                .description(
                    "Bizgo's delivery reports in (always answered 200 with the msgKey) and the"
                        + " notification history out: every message settled as SENT or"
                        + " DEAD_LETTER, with each attempt's report code. Phone numbers are always"
                        + " masked. Errors are RFC 9457 problem+json with a stable `code`."));
  }
}

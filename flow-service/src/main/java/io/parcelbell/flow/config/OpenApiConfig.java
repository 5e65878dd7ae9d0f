package io.parcelbell.flow.config;

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
  OpenAPI flowOpenApi(ObjectProvider<BuildProperties> build) {
    // Without META-INF/build-info.properties (a run from an IDE) the version reads "dev".
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? "dev" : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("parcelbell flow-service")
                .version(version)
                .description(
                    "Flows: a trigger (a parcelbell event), filters, delays, exit conditions and"
                        + " webhook steps that POST a templated JSON body to a shop's other tools,"
                        + " signed per Standard Webhooks and retried. Destinations, flows (versioned),"
                        + " runs and deliveries. VIEWER reads, OPERATOR replays, ADMIN changes; every"
                        + " change is audit-logged. Errors are RFC 9457 problem+json with a stable"
                        + " `code` and, for an invalid definition, `errors` with JSON paths."));
  }
}

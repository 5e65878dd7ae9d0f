package io.parcelbell.ingest.config;

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
  OpenAPI ingestOpenApi(ObjectProvider<BuildProperties> build) {
    // Without META-INF/build-info.properties (a run from an IDE) the version reads "dev".
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? "dev" : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("parcelbell ingest-service")
                .version(version)
                .description(
                    "DeliveryAPI's signed tracking webhooks in (verified over the raw bytes,"
                        + " published to Kafka, answered 200 only after Kafka acknowledged every"
                        + " item) and parcel registration with DeliveryAPI. Errors are RFC 9457"
                        + " problem+json with a stable `code`."));
  }
}

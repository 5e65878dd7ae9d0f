package io.parcelbell.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ceiling: the same stack as ingest (Spring Boot, WebFlux, Reactor Netty, its own JVM) reading
 * the body and answering 200, with no signature, parsing or Kafka. Started by {@link
 * IngestBenchmark} as a child process. (No Kafka auto-configuration to exclude: Boot 4 keeps it in
 * spring-boot-kafka, which this module does not depend on.)
 */
@SpringBootApplication
public class BareEndpoint {

  private static final String ANSWER = "{\"received\":true,\"accepted\":1}";

  public static void main(String[] args) {
    SpringApplication.run(BareEndpoint.class, args);
  }

  @Bean
  RouterFunction<ServerResponse> webhook() {
    return RouterFunctions.route()
        .POST(
            "/api/webhook/delivery",
            request ->
                DataBufferUtils.join(request.bodyToFlux(DataBuffer.class))
                    .doOnNext(DataBufferUtils::release)
                    .then(
                        ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(ANSWER)))
        .GET("/ready", request -> ServerResponse.ok().bodyValue("UP"))
        .build();
  }
}

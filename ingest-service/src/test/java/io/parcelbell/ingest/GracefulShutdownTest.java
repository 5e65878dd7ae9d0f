package io.parcelbell.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * server.shutdown=graceful: a request in flight when the application is told to stop still gets its
 * answer. Here the request waits 1.5 s for DeliveryAPI while the context closes.
 */
class GracefulShutdownTest {

  @Test
  void anInFlightRequestCompletesWhileTheApplicationStops() throws Exception {
    try (MockWebServer deliveryApi = new MockWebServer()) {
      deliveryApi.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody("{\"requestId\":\"in-flight\"}")
              .setHeadersDelay(1500, TimeUnit.MILLISECONDS));
      deliveryApi.start();
      ConfigurableApplicationContext app =
          new SpringApplicationBuilder(IngestApplication.class)
              .run(
                  "--server.port=0",
                  "--spring.kafka.bootstrap-servers=localhost:1",
                  "--parcelbell.kafka.create-topics=false",
                  "--parcelbell.ingest.delivery-api.base-url=" + deliveryApi.url("/"),
                  "--parcelbell.ingest.delivery-api.timeout=10s",
                  "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                      + TestIssuer.get().url());
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String body =
          """
          {"orderId":"ORD-1","courierCode":"cj","trackingNumber":"123456789012",
           "customerPhone":"010-1234-5678"}""";

      CompletableFuture<HttpResponse<String>> answer =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/shipments"))
                      .header("Content-Type", "application/json")
                      .header(
                          "Authorization",
                          "Bearer " + TestIssuer.get().withScopes("shipments:write"))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      // DeliveryAPI has the call, so our request is in flight: now stop the application.
      assertThat(deliveryApi.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
      assertThat(answer).isNotDone();
      app.close();

      HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.body()).contains("in-flight");
    }
  }
}

package io.parcelbell.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The company's provider not answering when the console starts (port 9 refuses connections): the
 * console starts anyway and is ready, and a sign-in meanwhile gets a page that says what is wrong
 * (it tries the provider again on the next one).
 */
@SpringBootTest(
    properties =
        "spring.security.oauth2.client.provider.parcelbell.issuer-uri=http://127.0.0.1:9/idp")
@AutoConfigureWebTestClient
class ProviderUnreachableTest {

  @Autowired WebTestClient web;

  @Test
  void theConsoleStartsWithoutTheProviderAndSaysSoWhenSomeoneSignsIn() {
    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    web.get()
        .uri("/")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isFound()
        .expectHeader()
        .valueEquals("Location", "/oauth2/authorization/parcelbell");

    String page =
        web.get()
            .uri("/oauth2/authorization/parcelbell")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .is5xxServerError()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(page).contains("로그인 서비스", "sign-in provider").doesNotContain("Exception");
  }
}

package io.parcelbell.flow.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class ProblemDetailsAdviceTest {

  private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

  @Test
  void mongoDbOutOfReachIsA503WithRetryAfterNotADefect() {
    var answer =
        advice.storeUnavailable(
            new DataAccessResourceFailureException("Prematurely reached end of stream"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().getProperties()).containsEntry("code", "STORE_UNAVAILABLE");
    assertThat(answer.getBody().getDetail()).doesNotContain("Prematurely");
  }

  @Test
  void anythingElseUnexpectedIsA500WithoutItsMessage() {
    var answer = advice.unexpected(new IllegalStateException("secret internals"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
    assertThat(answer.getBody().getDetail()).doesNotContain("secret");
  }
}

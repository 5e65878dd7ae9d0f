package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.ingest.support.IngestIntegrationTest;
import io.parcelbell.ingest.support.ShipmentTopicProbe;
import io.parcelbell.ingest.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 1,000 generated hostile webhooks (fixed seed, so a failure reproduces): most of them correctly
 * signed, so they get past the signature to the parser. None may yield a 5xx or a 200, every answer
 * is problem+json with a code, and nothing reaches Kafka (the marker technique of
 * WebhookRejectionIntegrationTest).
 */
@IngestIntegrationTest
class HostileWebhookIntegrationTest {

  private static final long SEED = 20260221L;
  private static final int REQUESTS = 1_000;
  private static final String URI = "/api/webhook/delivery";

  @Autowired WebTestClient client;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  /** One generated request: body, headers, and whether it carries a valid signature. */
  record Hostile(String kind, byte[] body, List<String> timestamps, List<String> signatures) {

    static Hostile signed(String kind, byte[] body) {
      return new Hostile(
          kind,
          body,
          List.of(Vectors.TIMESTAMP),
          List.of(Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body)));
    }

    boolean validlySigned() {
      return timestamps.size() == 1
          && signatures.size() == 1
          && signatures.get(0).equals(Vectors.sign(Vectors.SECRET, timestamps.get(0), body));
    }
  }

  @Test
  void aThousandHostileRequestsNeverYieldA5xxAndNeverReachKafka() {
    List<Hostile> requests = HostileWebhooks.generate(new Random(SEED), REQUESTS);
    assertThat(requests).hasSize(REQUESTS);
    assertThat(requests.stream().filter(Hostile::validlySigned).count())
        .as("most requests must get past the signature check to the parser")
        .isGreaterThan(REQUESTS / 2);

    try (var probe = new ShipmentTopicProbe(brokers)) {
      var before = probe.endOffsets();
      ObjectMapper json = new ObjectMapper();
      Map<String, Integer> answers = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      int parserAnswers = 0;
      for (int i = 0; i < requests.size(); i++) {
        Hostile h = requests.get(i);
        EntityExchangeResult<byte[]> result = send(h);
        int status = result.getStatus().value();
        String code = codeOf(json, result);
        answers.merge(status + " " + code, 1, Integer::sum);
        boolean problemJson =
            MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
                result.getResponseHeaders().getContentType());
        if (status < 400 || status >= 500 || !problemJson || code.isEmpty()) {
          failures.add("#" + i + " " + h.kind() + " → " + status + " " + code);
        }
        if (h.validlySigned() && status == 400) {
          parserAnswers++;
        }
      }
      System.out.println("hostile webhook answers: " + answers);
      assertThat(failures).as("answers that were not a 4xx problem with a code").isEmpty();
      assertThat(parserAnswers).as("signed requests judged by the parser").isGreaterThan(400);

      String marker = "MARKER-" + UUID.randomUUID();
      byte[] body =
          ("{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\""
                  + marker
                  + "\",\"currentStatus\":\"IN_TRANSIT\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      send(Hostile.signed("marker", body));
      assertThat(probe.recordsSince(before))
          .extracting(r -> r.key())
          .containsExactly("cj:" + marker);
    }
  }

  private EntityExchangeResult<byte[]> send(Hostile h) {
    return client
        .post()
        .uri(URI)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(
            headers -> {
              h.timestamps().forEach(t -> headers.add(WebhookController.TIMESTAMP_HEADER, t));
              h.signatures().forEach(s -> headers.add(WebhookController.SIGNATURE_HEADER, s));
            })
        .bodyValue(h.body())
        .exchange()
        .expectBody(byte[].class)
        .returnResult();
  }

  private static String codeOf(ObjectMapper json, EntityExchangeResult<byte[]> result) {
    try {
      JsonNode body = json.readTree(result.getResponseBodyContent());
      return body == null ? "" : body.path("code").asText("");
    } catch (Exception e) {
      return "";
    }
  }
}

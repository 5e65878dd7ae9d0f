package io.parcelbell.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import io.parcelbell.ingest.support.ShipmentTopicProbe;
import io.parcelbell.ingest.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every refusal answers problem+json with a stable code, and publishes nothing: after each one a
 * valid marker webhook is acknowledged, and the topic must hold the marker's record only.
 */
@IngestIntegrationTest
class WebhookRejectionIntegrationTest {

  private static final String URI = "/api/webhook/delivery";
  private static final int ONE_MIB = 1024 * 1024;

  @Autowired WebTestClient client;
  @Autowired MeterRegistry registry;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  ShipmentTopicProbe probe;
  Map<TopicPartition, Long> before;

  @BeforeEach
  void snapshotTopic() {
    probe = new ShipmentTopicProbe(brokers);
    before = probe.endOffsets();
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private static byte[] item(String trackingNumber) {
    return ("{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\""
            + trackingNumber
            + "\",\"currentStatus\":\"IN_TRANSIT\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private WebTestClient.RequestBodySpec signed(byte[] body, String timestamp) {
    return client
        .post()
        .uri(URI)
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Webhook-Timestamp", timestamp)
        .header("X-Webhook-Signature", Vectors.sign(Vectors.SECRET, timestamp, body));
  }

  /** Asserts the problem answer and that nothing was published; returns the problem body. */
  private JsonNode assertProblem(
      WebTestClient.ResponseSpec response, HttpStatus status, String code) {
    String text =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JsonNode problem = read(text);
    assertThat(problem.path("status").asInt()).isEqualTo(status.value());
    assertThat(problem.path("code").asString()).isEqualTo(code);
    assertThat(problem.path("detail").asString()).isNotBlank();
    assertNothingPublished();
    return problem;
  }

  private static JsonNode read(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** Publishes a marker through the same producer, then expects it to be the only new record. */
  private void assertNothingPublished() {
    String marker = "MARKER-" + UUID.randomUUID();
    byte[] body = item(marker);
    signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange().expectStatus().isOk();
    assertThat(probe.recordsSince(before)).extracting(r -> r.key()).containsExactly("cj:" + marker);
  }

  @Test
  void missingSignatureIs401() {
    byte[] body = item("T-401-1");
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .bodyValue(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "SIGNATURE_MISSING");
  }

  @Test
  void missingTimestampIs401() {
    byte[] body = item("T-401-2");
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Signature", Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body))
            .bodyValue(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "TIMESTAMP_MISSING");
  }

  @Test
  void aStaleButCorrectlySignedWebhookIs401() {
    String stale = String.valueOf(Vectors.SIGNED_AT.getEpochSecond() - 3600);
    assertProblem(
        signed(item("T-401-3"), stale).bodyValue(item("T-401-3")).exchange(),
        HttpStatus.UNAUTHORIZED,
        "TIMESTAMP_STALE");
  }

  @Test
  void aWrongSignatureIs401AndTheAnswerDoesNotLeakTheExpectedOne() {
    byte[] body = item("T-401-4");
    String expected = Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body).substring(7);
    var problem =
        assertProblem(
            client
                .post()
                .uri(URI)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
                .header(
                    "X-Webhook-Signature", Vectors.sign("wrong-secret", Vectors.TIMESTAMP, body))
                .bodyValue(body)
                .exchange(),
            HttpStatus.UNAUTHORIZED,
            "SIGNATURE_INVALID");
    assertThat(problem.toString()).doesNotContainIgnoringCase(expected);
    assertThat(registry.counter(WebhookMetrics.REJECTED, "reason", "SIGNATURE_INVALID").count())
        .isPositive();
  }

  @Test
  void garbageSignatureIs401() {
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", "sha256=not-hex")
            .bodyValue(item("T-401-5"))
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "SIGNATURE_MALFORMED");
  }

  @Test
  void unsignedGarbageIsRefusedAsUnsignedNotAsBadJson() {
    // The signature is checked before the parser ever sees hostile input.
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
            .bodyValue("{{{not json".getBytes(StandardCharsets.UTF_8))
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "SIGNATURE_INVALID");
  }

  @Test
  void aSignatureHeaderSentTwiceIs401EvenWhenOneValueIsValid() {
    byte[] body = item("T-401-DUP-1");
    String valid = Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body);
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", valid, Vectors.sign("other", Vectors.TIMESTAMP, body))
            .bodyValue(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "SIGNATURE_MALFORMED");
  }

  @Test
  void aTimestampHeaderSentTwiceIs401() {
    byte[] body = item("T-401-DUP-2");
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP, Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", Vectors.sign(Vectors.SECRET, Vectors.TIMESTAMP, body))
            .bodyValue(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "TIMESTAMP_MALFORMED");
  }

  @Test
  void signedMalformedJsonIs400() {
    byte[] body = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
    assertProblem(
        signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange(),
        HttpStatus.BAD_REQUEST,
        "MALFORMED_JSON");
  }

  @Test
  void aMissingTrackingNumberIs400WithItsPointer() {
    byte[] body =
        ("{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":\"T-400-2\",\"currentStatus\":\"X\"},"
                + "{\"courierCode\":\"cj\",\"currentStatus\":\"X\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    var problem =
        assertProblem(
            signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange(),
            HttpStatus.BAD_REQUEST,
            "MISSING_FIELD");
    assertThat(problem.path("pointer").asString()).isEqualTo("/items/1/trackingNumber");
  }

  @Test
  void emptyItemsIs400() {
    byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    assertProblem(
        signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange(),
        HttpStatus.BAD_REQUEST,
        "MISSING_FIELD");
  }

  @Test
  void aWrongTypeIs400() {
    byte[] body =
        "{\"items\":[{\"courierCode\":\"cj\",\"trackingNumber\":42,\"currentStatus\":\"X\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(
        signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange(),
        HttpStatus.BAD_REQUEST,
        "INVALID_FIELD");
  }

  @Test
  void aDeclaredBodyOverOneMebibyteIs413() {
    byte[] body = oversizedJson(ONE_MIB + 1);
    assertProblem(
        signed(body, Vectors.TIMESTAMP).bodyValue(body).exchange(),
        HttpStatus.PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE");
  }

  @Test
  void aStreamedBodyOverOneMebibyteIs413() {
    var factory = DefaultDataBufferFactory.sharedInstance;
    Flux<DataBuffer> chunks = Flux.range(0, 17).map(i -> factory.wrap(new byte[64 * 1024]));
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
            .body(BodyInserters.fromDataBuffers(chunks))
            .exchange(),
        HttpStatus.PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE");
  }

  @Test
  void aBodyOfExactlyOneMebibyteIsReadAndJudgedOnItsSignature() {
    byte[] body = oversizedJson(ONE_MIB);
    assertProblem(
        client
            .post()
            .uri(URI)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
            .bodyValue(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "SIGNATURE_INVALID");
  }

  @Test
  void nonJsonContentTypesAre415() {
    Function<MediaType, WebTestClient.ResponseSpec> postAs =
        type -> {
          byte[] body = item("T-415");
          return signed(body, Vectors.TIMESTAMP).contentType(type).bodyValue(body).exchange();
        };
    assertProblem(
        postAs.apply(MediaType.TEXT_PLAIN),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE");
    before = probe.endOffsets();
    assertProblem(
        postAs.apply(MediaType.APPLICATION_XML),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void aBodyWithoutAJsonContentTypeIs415() {
    assertProblem(
        client
            .post()
            .uri(URI)
            .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
            .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
            .bodyValue(Vectors.compactBody())
            .exchange(),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void vendorJsonTypesAreAccepted() {
    byte[] body = item("T-VND-" + UUID.randomUUID());
    signed(body, Vectors.TIMESTAMP)
        .contentType(MediaType.parseMediaType("application/vnd.deliveryapi+json; charset=utf-8"))
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  /** Valid JSON padded with spaces to exactly {@code size} bytes. */
  private static byte[] oversizedJson(int size) {
    byte[] json = item("T-413");
    byte[] body = Arrays.copyOf(json, size);
    Arrays.fill(body, json.length, size, (byte) ' ');
    return body;
  }
}

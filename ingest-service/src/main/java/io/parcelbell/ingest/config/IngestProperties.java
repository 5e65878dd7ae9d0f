package io.parcelbell.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of ingest-service, prefix {@code parcelbell.ingest}.
 *
 * @param webhookSecret DeliveryAPI signing secrets, current first; during a rotation the previous
 *     one stays listed so webhooks signed before the switch still verify (env {@code
 *     PARCELBELL_INGEST_WEBHOOKSECRET}, comma separated)
 * @param timestampTolerance how far {@code X-Webhook-Timestamp} may be from our clock, either way
 *     (env {@code PARCELBELL_INGEST_TIMESTAMPTOLERANCE})
 * @param publishTimeout how long we wait for Kafka to ack every item; below DeliveryAPI's 3 s
 *     answer deadline so the sender hears 503 and retries instead of timing out (env {@code
 *     PARCELBELL_INGEST_PUBLISHTIMEOUT})
 * @param maxBodySize largest webhook body accepted (env {@code PARCELBELL_INGEST_MAXBODYSIZE})
 * @param couriers the DeliveryAPI courier codes a shipment may be registered with; anything else is
 *     refused before DeliveryAPI is called (env {@code PARCELBELL_INGEST_COURIERS}, comma
 *     separated)
 * @param kafkaHealthTimeout how long the readiness check waits for the broker to describe the
 *     cluster; kept below a Kubernetes probe's default 1 s timeout plus margin (env {@code
 *     PARCELBELL_INGEST_KAFKAHEALTHTIMEOUT})
 * @param deliveryApi where shipments are registered for tracking ({@code POST /api/shipments})
 */
@ConfigurationProperties(prefix = "parcelbell.ingest")
public record IngestProperties(
    List<String> webhookSecret,
    @DefaultValue("300s") Duration timestampTolerance,
    @DefaultValue("2s") Duration publishTimeout,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue({
          "cj", "hanjin", "lotte", "epost", "logen", "kdexp", "daesin", "ilyang", "hapdong",
          "cupost", "cvsnet", "coupang"
        })
        List<String> couriers,
    @DefaultValue("1s") Duration kafkaHealthTimeout,
    @DefaultValue DeliveryApi deliveryApi) {

  public IngestProperties {
    if (webhookSecret == null
        || webhookSecret.isEmpty()
        || webhookSecret.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException(
          "parcelbell.ingest.webhook-secret needs at least one non-blank secret");
    }
    webhookSecret = List.copyOf(webhookSecret);
    requirePositive(timestampTolerance, "timestamp-tolerance");
    requirePositive(publishTimeout, "publish-timeout");
    if (maxBodySize == null
        || maxBodySize.toBytes() <= 0
        || maxBodySize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parcelbell.ingest.max-body-size must be 1 B .. 2 GiB");
    }
    if (couriers == null
        || couriers.isEmpty()
        || couriers.stream().anyMatch(c -> c == null || c.isBlank())) {
      throw new IllegalArgumentException("parcelbell.ingest.couriers needs at least one code");
    }
    // Codes compare case-insensitively; DeliveryAPI's spelling is lower case.
    couriers = couriers.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    requirePositive(kafkaHealthTimeout, "kafka-health-timeout");
    Objects.requireNonNull(deliveryApi, "deliveryApi");
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("parcelbell.ingest." + name + " must be positive");
    }
  }

  @Override
  public String toString() {
    // Secrets must never reach a log line, e.g. when Spring reports a binding failure.
    return ("IngestProperties[webhookSecret=<%d hidden>, timestampTolerance=%s, publishTimeout=%s,"
            + " maxBodySize=%s, couriers=%s, kafkaHealthTimeout=%s, deliveryApi=%s]")
        .formatted(
            webhookSecret.size(),
            timestampTolerance,
            publishTimeout,
            maxBodySize,
            couriers,
            kafkaHealthTimeout,
            deliveryApi);
  }

  /**
   * DeliveryAPI's registration API, prefix {@code parcelbell.ingest.delivery-api}.
   *
   * @param baseUrl e.g. {@code https://api.deliveryapi.example} (env {@code
   *     PARCELBELL_INGEST_DELIVERYAPI_BASEURL})
   * @param apiKey sent as {@code Authorization: Bearer KEY:SECRET} (env {@code
   *     PARCELBELL_INGEST_DELIVERYAPI_APIKEY})
   * @param apiSecret (env {@code PARCELBELL_INGEST_DELIVERYAPI_APISECRET})
   * @param endpointId the webhook endpoint DeliveryAPI calls back, as registered there (env {@code
   *     PARCELBELL_INGEST_DELIVERYAPI_ENDPOINTID})
   * @param timeout one registration attempt, request sent to last byte of the answer; a retry gets
   *     a fresh one (env {@code PARCELBELL_INGEST_DELIVERYAPI_TIMEOUT})
   * @param connectTimeout establishing the TCP/TLS connection (env {@code
   *     PARCELBELL_INGEST_DELIVERYAPI_CONNECTTIMEOUT})
   */
  public record DeliveryApi(
      @DefaultValue("http://localhost:8091") URI baseUrl,
      String apiKey,
      String apiSecret,
      @DefaultValue("parcelbell-local") String endpointId,
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("2s") Duration connectTimeout) {

    public DeliveryApi {
      Objects.requireNonNull(baseUrl, "parcelbell.ingest.delivery-api.base-url");
      for (String value : new String[] {apiKey, apiSecret, endpointId}) {
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException(
              "parcelbell.ingest.delivery-api.api-key, .api-secret and .endpoint-id are required");
        }
      }
      requirePositive(timeout, "delivery-api.timeout");
      requirePositive(connectTimeout, "delivery-api.connect-timeout");
    }

    @Override
    public String toString() {
      return ("DeliveryApi[baseUrl=%s, apiKey=<hidden>, apiSecret=<hidden>, endpointId=%s,"
              + " timeout=%s, connectTimeout=%s]")
          .formatted(baseUrl, endpointId, timeout, connectTimeout);
    }
  }
}

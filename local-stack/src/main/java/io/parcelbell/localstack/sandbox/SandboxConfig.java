package io.parcelbell.localstack.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Bizgo sandbox behaves. The report retries mimic the real Bizgo, which retries a failed
 * report POST three times, so report-service's "always answer 200" rule is exercised locally too.
 *
 * @param port where the sandbox listens (0 = any free port)
 * @param apiKey the only {@code Authorization} header value accepted
 * @param reportUrl where delivery reports are POSTed (report-service's webhook)
 * @param reportDelay how long after acceptance a report is produced
 * @param reportRetries how many times a failed report POST is retried
 * @param retryBackoff the first retry's delay; each further retry waits twice as long
 * @param bindAddress the interface to listen on: localhost for the stack on a developer's machine,
 *     0.0.0.0 in a container, where report-service and notifier reach it over the network
 * @param answerLatency how long a send waits before it is answered, as a real provider takes time
 *     (the end-to-end benchmark's 50 ms); zero locally
 */
public record SandboxConfig(
    int port,
    String apiKey,
    URI reportUrl,
    Duration reportDelay,
    int reportRetries,
    Duration retryBackoff,
    String bindAddress,
    Duration answerLatency) {

  public static final String DEFAULT_API_KEY = "local-bizgo-api-key";
  public static final String LOCALHOST = "localhost";

  public SandboxConfig {
    Objects.requireNonNull(reportUrl, "reportUrl");
    Objects.requireNonNull(reportDelay, "reportDelay");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    answerLatency = answerLatency == null ? Duration.ZERO : answerLatency;
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress must not be blank");
    }
    if (port < 0 || port > 65535 || reportRetries < 0) {
      throw new IllegalArgumentException("invalid port or retry count");
    }
    if (reportDelay.isNegative() || retryBackoff.isNegative() || answerLatency.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** Listens on localhost only, as the in-process stack always has. */
  public SandboxConfig(
      int port,
      String apiKey,
      URI reportUrl,
      Duration reportDelay,
      int reportRetries,
      Duration retryBackoff) {
    this(port, apiKey, reportUrl, reportDelay, reportRetries, retryBackoff, LOCALHOST);
  }

  /** Answers at once. */
  public SandboxConfig(
      int port,
      String apiKey,
      URI reportUrl,
      Duration reportDelay,
      int reportRetries,
      Duration retryBackoff,
      String bindAddress) {
    this(
        port,
        apiKey,
        reportUrl,
        reportDelay,
        reportRetries,
        retryBackoff,
        bindAddress,
        Duration.ZERO);
  }

  /** This configuration, answering each send after {@code latency}. */
  public SandboxConfig withAnswerLatency(Duration latency) {
    return new SandboxConfig(
        port, apiKey, reportUrl, reportDelay, reportRetries, retryBackoff, bindAddress, latency);
  }

  /** The local defaults: the shared API key, a report after 500 ms, three retries from 1 s on. */
  public static SandboxConfig defaults(int port, URI reportUrl) {
    return new SandboxConfig(
        port, DEFAULT_API_KEY, reportUrl, Duration.ofMillis(500), 3, Duration.ofSeconds(1));
  }
}

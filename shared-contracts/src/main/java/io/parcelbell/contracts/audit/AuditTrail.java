package io.parcelbell.contracts.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Records every change a person makes: who (from the access token), what, when, the target and the
 * request id; in MongoDB first (the record of truth, {@link AuditStore}), then on {@code
 * parcelbell.audit.v1}. A record whose publish failed stays marked unpublished and {@link
 * #publishPending} sends it later, so Kafka being down neither loses it nor fails the change.
 *
 * <p>Call it after the change took effect, in the same request: if the record cannot be stored the
 * request fails (503) and the record, with everything but personal data, is logged at ERROR.
 */
public final class AuditTrail {

  /**
   * A caller-chosen request id is kept only if it is short and plain (it lands in logs and UIs).
   */
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);
  static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(3);

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditStore store;
  private final AuditPublisher publisher;
  private final Clock clock;
  private final String service;

  public AuditTrail(
      AuditStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, String service) {
    this.store = store;
    this.publisher = new AuditPublisher(kafka, service);
    this.clock = clock;
    this.service = service;
  }

  /** Records a change made by the signed-in caller of {@code exchange}. */
  public Mono<AuditRecorded> record(
      ServerWebExchange exchange, String action, AuditTarget target, Map<String, String> details) {
    return caller()
        .map(
            actor ->
                new AuditRecorded(
                    UUID.randomUUID().toString(),
                    // MongoDB keeps milliseconds: the topic's copy must equal the stored one.
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    service,
                    action,
                    actor,
                    target,
                    requestIdOf(exchange),
                    details))
        .flatMap(this::storeThenPublish);
  }

  private Mono<AuditRecorded> storeThenPublish(AuditRecorded record) {
    return store
        .save(record, false)
        .timeout(STORE_TIMEOUT)
        .onErrorMap(
            e -> {
              // Names and filters stay out of the log line; the ids find the rest.
              log.error(
                  "audit record {} NOT stored: {} by {} on {}",
                  record.auditId(),
                  record.action(),
                  record.actor().subject(),
                  record.key(),
                  e);
              return new AuditUnavailableException("the audit log cannot be written", e);
            })
        .then(
            publisher
                .publish(record)
                // Kafka down must not hold the request: the relay publishes the stored record.
                .timeout(PUBLISH_TIMEOUT)
                .then(store.markPublished(record.auditId()))
                .onErrorResume(
                    e -> {
                      log.warn(
                          "audit {} stored, not yet published: {}", record.auditId(), e.toString());
                      return Mono.empty();
                    }))
        .thenReturn(record);
  }

  /**
   * Publishes stored records older than {@code olderThan} that never reached Kafka, oldest first.
   * The pass ends at the first record Kafka does not take within {@link #PUBLISH_TIMEOUT} (Kafka is
   * most likely still down): it never holds its thread longer than that, and the next pass starts
   * over from the oldest.
   */
  public Mono<Long> publishPending(Duration olderThan, int limit) {
    return store
        .unpublished(clock.instant().minus(olderThan), limit)
        .concatMap(
            r ->
                publisher
                    .publish(r)
                    .timeout(PUBLISH_TIMEOUT)
                    .then(store.markPublished(r.auditId()))
                    .thenReturn(1L))
        .onErrorResume(
            e -> {
              log.warn("audit relay stopped for now: {}", e.toString());
              return Mono.empty();
            })
        .count();
  }

  /** Who is calling, from the request's access token; an error when nobody signed in. */
  public static Mono<AuditActor> caller() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .map(AuditTrail::actorOf)
        .switchIfEmpty(
            Mono.error(() -> new IllegalStateException("a change without a signed-in caller")));
  }

  /** The request id the audit record and the answer carry. */
  public static String requestIdOf(ServerWebExchange exchange) {
    String sent = exchange.getRequest().getHeaders().getFirst(REQUEST_ID_HEADER);
    return sent != null && REQUEST_ID.matcher(sent).matches()
        ? sent
        : exchange.getRequest().getId();
  }

  static AuditActor actorOf(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken token) {
      Jwt jwt = token.getToken();
      String name = jwt.getClaimAsString("name");
      if (name == null) {
        name = jwt.getClaimAsString("preferred_username");
      }
      String client = jwt.getClaimAsString("azp");
      if (client == null) {
        client = jwt.getClaimAsString("client_id");
      }
      return new AuditActor(jwt.getSubject(), name, client);
    }
    return new AuditActor(authentication.getName(), null, null);
  }
}

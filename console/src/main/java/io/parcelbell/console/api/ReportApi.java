package io.parcelbell.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** report-service's history API, as the signed-in person (their token, their role). */
@Component
public class ReportApi {

  public static final int PAGE_SIZE = 20;

  /** Counts per state in a window, and the share of ended notifications that never arrived. */
  public record Stats(
      String window, Instant since, Map<String, Long> counts, long total, double failureRate) {}

  /** One KST day: notifications SENT and DEAD_LETTER, and the failure rate. */
  public record Day(LocalDate day, long sent, long deadLetter, double failureRate) {}

  public record CodeCount(String code, long count) {}

  public record Overview(
      Instant at,
      Stats last24Hours,
      Stats last7Days,
      List<Day> days,
      Instant oldestPendingSince,
      Instant lastReportAt,
      List<CodeCount> topFailureCodes) {}

  public record Attempt(
      String channel,
      String msgKey,
      String state,
      String reportCode,
      String reportText,
      Instant requestedAt,
      Instant reportedAt) {}

  /** A notification as the API shows it: the phone already masked there. */
  public record Notification(
      String id,
      String courierCode,
      String trackingNumber,
      String shipmentStatus,
      String orderId,
      String recipient,
      String state,
      String reason,
      List<Attempt> attempts,
      Instant createdAt,
      Instant updatedAt,
      Instant heldAt,
      Instant heldUntil,
      String supersededBy,
      Instant supersededAt) {

    public Notification {
      attempts = attempts == null ? List.of() : attempts;
    }
  }

  public record Page(List<Notification> items, String nextCursor) {

    public Page {
      items = items == null ? List.of() : items;
    }
  }

  /** The list's filters, each optional; {@code cursor} from the previous page. */
  public record Filter(
      String orderId,
      String trackingNumber,
      String phoneLast4,
      String state,
      String channel,
      String shipmentStatus,
      OffsetDateTime since,
      OffsetDateTime until,
      String cursor) {

    Map<String, String> query() {
      Map<String, String> values = new LinkedHashMap<>();
      putIfSet(values, "orderId", orderId);
      putIfSet(values, "trackingNumber", trackingNumber);
      putIfSet(values, "phoneLast4", phoneLast4);
      putIfSet(values, "state", state);
      putIfSet(values, "channel", channel);
      putIfSet(values, "shipmentStatus", shipmentStatus);
      putIfSet(values, "since", since == null ? null : since.toString());
      putIfSet(values, "until", until == null ? null : until.toString());
      return values;
    }
  }

  private final WebClient api;

  public ReportApi(@Qualifier("reportWebClient") WebClient api) {
    this.api = api;
  }

  public Mono<Overview> overview() {
    return api.get().uri("/api/notifications/overview").retrieve().bodyToMono(Overview.class);
  }

  public Mono<Page> page(Filter filter) {
    Map<String, String> values = filter.query();
    putIfSet(values, "cursor", filter.cursor());
    return api.get()
        .uri(uri -> query(uri, "/api/notifications", values, true))
        .retrieve()
        .bodyToMono(Page.class);
  }

  /** Empty when there is no such notification. */
  public Mono<Notification> notification(String id) {
    return api.get()
        .uri("/api/notifications/{id}", id)
        .retrieve()
        .bodyToMono(Notification.class)
        .onErrorResume(
            WebClientResponseException.class,
            e ->
                e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                    ? Mono.empty()
                    : Mono.error(e));
  }

  /** One audit record as report-service lists it (who did what to which target, and when). */
  public record AuditEntry(
      String auditId,
      Instant occurredAt,
      String service,
      String action,
      Actor actor,
      Target target,
      String requestId,
      Map<String, String> details) {

    public record Actor(String subject, String name, String clientId) {}

    public record Target(String type, String id) {}
  }

  public record AuditPage(List<AuditEntry> items, String nextCursor) {

    public AuditPage {
      items = items == null ? List.of() : items;
    }
  }

  /** The audit log's filters, each optional. */
  public record AuditFilter(
      String actor, String targetType, String targetId, String action, String cursor) {}

  public Mono<AuditPage> audit(AuditFilter filter) {
    Map<String, String> values = new LinkedHashMap<>();
    putIfSet(values, "actor", filter.actor());
    putIfSet(values, "targetType", filter.targetType());
    putIfSet(values, "targetId", filter.targetId());
    putIfSet(values, "action", filter.action());
    putIfSet(values, "cursor", filter.cursor());
    return api.get()
        .uri(uri -> query(uri, "/api/audit", values, true))
        .retrieve()
        .bodyToMono(AuditPage.class);
  }

  /**
   * The filtered history as CSV, streamed through as report-service writes it (masked, UTF-8 with
   * BOM, audit-logged there as this person's export; OPERATOR).
   */
  public Mono<ResponseEntity<Flux<DataBuffer>>> export(Filter filter) {
    Map<String, String> values = filter.query();
    return api.get()
        .uri(uri -> query(uri, "/api/notifications/export", values, false))
        .retrieve()
        .toEntityFlux(DataBuffer.class);
  }

  /** What a resend request did: REQUESTED, ALREADY_REQUESTED, or a refusal's problem code. */
  public record ResendOutcome(String status) {}

  /**
   * Asks report-service to resend a dead letter (OPERATOR; the API decides and audits). A refusal
   * the person can act on (409: not a dead letter, a resend cannot help) comes back as its code.
   */
  public Mono<ResendOutcome> resend(String id) {
    return api.post()
        .uri("/api/notifications/{id}/resend", id)
        .retrieve()
        .bodyToMono(ResendOutcome.class)
        .onErrorResume(
            WebClientResponseException.class,
            e -> {
              if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                return Mono.error(e);
              }
              Problem problem = e.getResponseBodyAs(Problem.class);
              String code = problem == null ? null : problem.code();
              return Mono.just(new ResendOutcome(code == null ? "REFUSED" : code));
            });
  }

  /** The stable code of an API's problem+json answer. */
  record Problem(String code, String detail) {}

  /**
   * {@code path} with each set filter as a query parameter (values expanded, so encoded, on build),
   * and the page size for the lists that page.
   */
  private static java.net.URI query(
      UriBuilder uri, String path, Map<String, String> values, boolean paged) {
    uri.path(path);
    values.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
    if (paged) {
      uri.queryParam("limit", PAGE_SIZE);
    }
    return uri.build(values);
  }

  private static void putIfSet(Map<String, String> values, String name, String value) {
    if (value != null && !value.isBlank()) {
      values.put(name, value.strip());
    }
  }
}

package io.parcelbell.flow.destinations;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.signing.DestinationSecrets;
import io.parcelbell.flow.signing.SigningSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin's changes to destinations. Each is applied, then audit-logged; if the audit log cannot
 * be written the change is taken back and the caller told so (503): no change without its record.
 */
@Service
public class Destinations {

  private final DestinationStore store;
  private final DestinationRequestValidator validator;
  private final SecretCipher cipher;
  private final AuditTrail audit;
  private final SecureRandom random;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Destinations(
      DestinationStore store,
      DestinationAddressPolicy addresses,
      SecretCipher cipher,
      AuditTrail audit,
      SecureRandom random,
      ApplicationEventPublisher events,
      Clock clock) {
    this.store = store;
    this.validator = new DestinationRequestValidator(addresses);
    this.cipher = cipher;
    this.audit = audit;
    this.random = random;
    this.events = events;
    this.clock = clock;
  }

  public Mono<DestinationView.WithSecret> create(
      DestinationRequest request, ServerWebExchange exchange) {
    SigningSecret secret = SigningSecret.generate(random);
    Instant now = clock.instant();
    return valid(request)
        .flatMap(
            ok ->
                store.insert(
                    new DestinationDocument(
                        "dst_" + UUID.randomUUID().toString().replace("-", ""),
                        request.name().strip(),
                        cipher.encrypt(request.url().strip()),
                        ShownUrl.of(request.url().strip()),
                        headers(request.headers()),
                        request.rateLimitPerSecond(),
                        cipher.encrypt(secret.encoded()),
                        null,
                        null,
                        true,
                        null,
                        null,
                        null,
                        now,
                        now,
                        List.of(),
                        null)))
        .flatMap(
            saved ->
                audited(
                        exchange,
                        AuditActions.DESTINATION_CREATE,
                        saved,
                        Map.of("name", saved.name(), "url", saved.shownUrl()),
                        undone -> store.delete(saved))
                    .thenReturn(
                        new DestinationView.WithSecret(
                            DestinationView.of(saved), secret.encoded())));
  }

  public Mono<DestinationView> update(
      String id, DestinationRequest request, ServerWebExchange exchange) {
    return valid(request)
        .then(existing(id))
        .flatMap(
            before ->
                store
                    .save(
                        new DestinationDocument(
                            before.id(),
                            request.name().strip(),
                            cipher.encrypt(request.url().strip()),
                            ShownUrl.of(request.url().strip()),
                            headers(request.headers()),
                            request.rateLimitPerSecond(),
                            before.secret(),
                            before.previousSecret(),
                            before.previousSecretUntil(),
                            before.enabled(),
                            before.disabledReason(),
                            before.disabledAt(),
                            before.failingSince(),
                            before.createdAt(),
                            clock.instant(),
                            before.pendingActivity(),
                            before.version()))
                    .onErrorMap(OptimisticLockingFailureException.class, e -> changedMeanwhile(id))
                    .flatMap(
                        saved ->
                            audited(
                                    exchange,
                                    AuditActions.DESTINATION_UPDATE,
                                    saved,
                                    Map.of("url", saved.shownUrl()),
                                    undone -> store.save(withVersion(before, saved.version())))
                                .thenReturn(DestinationView.of(saved))));
  }

  /**
   * A new signing secret; the previous one keeps signing for {@link DestinationSecrets#OVERLAP}.
   */
  public Mono<DestinationView.WithSecret> rotateSecret(String id, ServerWebExchange exchange) {
    SigningSecret next = SigningSecret.generate(random);
    Instant now = clock.instant();
    return existing(id)
        .flatMap(
            before -> {
              if (before.previousSecretUntil() != null
                  && now.isBefore(before.previousSecretUntil())) {
                // A second rotation now would stop the secret receivers may still hold at once.
                return Mono.error(
                    new ApiProblem(
                        HttpStatus.CONFLICT,
                        "ROTATION_IN_PROGRESS",
                        "the previous secret signs until "
                            + before.previousSecretUntil()
                            + "; rotate again after that, once receivers have the current one"));
              }
              Instant until = now.plus(DestinationSecrets.OVERLAP);
              var rotated =
                  new DestinationDocument(
                      before.id(),
                      before.name(),
                      before.url(),
                      before.shownUrl(),
                      before.headers(),
                      before.rateLimitPerSecond(),
                      cipher.encrypt(next.encoded()),
                      before.secret(),
                      until,
                      before.enabled(),
                      before.disabledReason(),
                      before.disabledAt(),
                      before.failingSince(),
                      before.createdAt(),
                      now,
                      before.pendingActivity(),
                      before.version());
              return store
                  .save(rotated)
                  .onErrorMap(OptimisticLockingFailureException.class, e -> changedMeanwhile(id))
                  .flatMap(
                      saved ->
                          audited(
                                  exchange,
                                  AuditActions.DESTINATION_ROTATE_SECRET,
                                  saved,
                                  Map.of("previousSecretSignsUntil", until.toString()),
                                  undone -> store.save(withVersion(before, saved.version())))
                              .thenReturn(
                                  new DestinationView.WithSecret(
                                      DestinationView.of(saved), next.encoded())));
            });
  }

  public Mono<DestinationView> enable(String id, ServerWebExchange exchange) {
    Instant now = clock.instant();
    return existing(id)
        .flatMap(
            before ->
                store
                    .enable(id, now)
                    .flatMap(
                        saved ->
                            audited(
                                    exchange,
                                    AuditActions.DESTINATION_ENABLE,
                                    saved,
                                    Map.of(),
                                    undone ->
                                        store.disable(
                                            id, before.disabledReason(), before.disabledAt()))
                                .doOnSuccess(ok -> events.publishEvent(new DestinationEnabled(id)))
                                .thenReturn(DestinationView.of(saved)))
                    // Already enabled: nothing changed, nothing to record.
                    .switchIfEmpty(Mono.defer(() -> existing(id).map(DestinationView::of))));
  }

  public Mono<DestinationView> disable(String id, String reason, ServerWebExchange exchange) {
    String why = reason == null || reason.isBlank() ? "disabled by an admin" : reason.strip();
    if (why.length() > 500) {
      return Mono.error(
          ApiProblem.invalid(
              "REASON_INVALID",
              "the reason is too long",
              List.of(new ApiProblem.FieldError("reason", "REASON_INVALID", "at most 500"))));
    }
    return existing(id)
        .then(store.disable(id, why, clock.instant()))
        .flatMap(
            saved ->
                audited(
                        exchange,
                        AuditActions.DESTINATION_DISABLE,
                        saved,
                        Map.of("reason", why),
                        undone -> store.enable(id, clock.instant()))
                    .thenReturn(DestinationView.of(saved)))
        .switchIfEmpty(Mono.defer(() -> existing(id).map(DestinationView::of)));
  }

  public Mono<DestinationView> find(String id) {
    return existing(id).map(DestinationView::of);
  }

  public reactor.core.publisher.Flux<DestinationView> all() {
    return store.all().map(DestinationView::of);
  }

  private Mono<DestinationDocument> existing(String id) {
    return store
        .find(id)
        .switchIfEmpty(
            Mono.error(() -> ApiProblem.notFound("DESTINATION_NOT_FOUND", "no destination " + id)));
  }

  /** Validates off the event loop: checking the URL resolves its host name. */
  private Mono<Boolean> valid(DestinationRequest request) {
    return Mono.fromCallable(() -> validator.validate(request))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            errors ->
                errors.isEmpty()
                    ? Mono.just(true)
                    : Mono.error(
                        ApiProblem.invalid(
                            "DESTINATION_INVALID", "the destination is not valid", errors)));
  }

  private <T> Mono<Void> audited(
      ServerWebExchange exchange,
      String action,
      DestinationDocument target,
      Map<String, String> details,
      Function<Throwable, Mono<T>> undo) {
    return audit
        .record(exchange, action, new AuditTarget("destination", target.id()), details)
        .onErrorResume(
            e -> undo.apply(e).onErrorResume(ignored -> Mono.empty()).then(Mono.error(e)))
        .then();
  }

  private List<DestinationDocument.Header> headers(Map<String, String> headers) {
    return headers == null
        ? List.of()
        : headers.entrySet().stream()
            .map(e -> new DestinationDocument.Header(e.getKey(), cipher.encrypt(e.getValue())))
            .toList();
  }

  private static DestinationDocument withVersion(DestinationDocument d, Long version) {
    return new DestinationDocument(
        d.id(),
        d.name(),
        d.url(),
        d.shownUrl(),
        d.headers(),
        d.rateLimitPerSecond(),
        d.secret(),
        d.previousSecret(),
        d.previousSecretUntil(),
        d.enabled(),
        d.disabledReason(),
        d.disabledAt(),
        d.failingSince(),
        d.createdAt(),
        d.updatedAt(),
        d.pendingActivity(),
        version);
  }

  private static ApiProblem changedMeanwhile(String id) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "CHANGED_MEANWHILE",
        "destination " + id + " was changed by someone else meanwhile; read it and try again");
  }
}

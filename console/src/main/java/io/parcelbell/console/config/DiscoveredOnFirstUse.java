package io.parcelbell.console.config;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sign-in registrations, the provider's discovery document read when a person first signs in
 * rather than at start. Boot's own repository reads it at start, so a console started while the
 * company's provider is unreachable would fail and restart in a loop; this one starts, answers its
 * health, and signs people in as soon as the provider answers. A failed read is not remembered: the
 * next sign-in tries again (the error page says so meanwhile).
 */
final class DiscoveredOnFirstUse implements ReactiveClientRegistrationRepository {

  private final Supplier<Map<String, ClientRegistration>> discover;
  private final AtomicReference<Map<String, ClientRegistration>> found = new AtomicReference<>();

  DiscoveredOnFirstUse(Supplier<Map<String, ClientRegistration>> discover) {
    this.discover = discover;
  }

  @Override
  public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
    Map<String, ClientRegistration> known = found.get();
    if (known != null) {
      return Mono.justOrEmpty(known.get(registrationId));
    }
    // The discovery document is a blocking HTTP call: never on the event loop.
    return Mono.fromCallable(this::discovered)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(registrations -> Mono.justOrEmpty(registrations.get(registrationId)));
  }

  private Map<String, ClientRegistration> discovered() {
    Map<String, ClientRegistration> registrations = Map.copyOf(discover.get());
    found.compareAndSet(null, registrations);
    return found.get();
  }
}

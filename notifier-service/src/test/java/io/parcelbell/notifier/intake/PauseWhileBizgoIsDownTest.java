package io.parcelbell.notifier.intake;

import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parcelbell.notifier.bizgo.BizgoCredentials;
import io.parcelbell.notifier.bizgo.BizgoCredentialsTesting;
import io.parcelbell.notifier.bizgo.BizgoPolicies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

class PauseWhileBizgoIsDownTest {

  private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("bizgo");
  private final MessageListenerContainer container = mock(MessageListenerContainer.class);
  private final MessageListenerContainer outcomes = mock(MessageListenerContainer.class);
  private final BizgoCredentials credentials = new BizgoCredentials(new SimpleMeterRegistry());

  @BeforeEach
  void wire() {
    KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
    when(registry.getListenerContainer(ShipmentEventsListener.ID)).thenReturn(container);
    when(registry.getListenerContainer(OutcomeEventsListener.ID)).thenReturn(outcomes);
    new PauseWhileBizgoIsDown(
        registry,
        new BizgoPolicies(Retry.ofDefaults("bizgo"), RateLimiter.ofDefaults("bizgo"), breaker),
        credentials);
  }

  @Test
  void anOpenBreakerPausesBothListeners() {
    breaker.transitionToOpenState();

    // Off the calling thread (a Netty event loop in production), so within a moment.
    verify(container, timeout(2_000)).pause();
    verify(outcomes, timeout(2_000)).pause();
    verify(container, after(500).never()).resume();
  }

  @Test
  void aHalfOpenBreakerResumesItForTheTrialCalls() {
    breaker.transitionToOpenState();
    // The reconciler runs on its own thread: stub only once it is done with the mock.
    verify(container, timeout(2_000)).pause();
    verify(outcomes, timeout(2_000)).pause();
    when(container.isPauseRequested()).thenReturn(true);

    breaker.transitionToHalfOpenState();

    verify(container, timeout(2_000)).resume();
  }

  @Test
  void aClosingBreakerDoesNotResumeAListenerThatWasNotPaused() {
    when(container.isPauseRequested()).thenReturn(false);
    breaker.transitionToOpenState();
    breaker.transitionToHalfOpenState();

    breaker.transitionToClosedState();

    verify(container, after(500).never()).resume();
  }

  @Test
  void rejectedCredentialsPauseBothListenersUntilAccepted() {
    BizgoCredentialsTesting.reject(credentials, "A401");

    verify(container, timeout(2_000)).pause();
    verify(outcomes, timeout(2_000)).pause();

    when(container.isPauseRequested()).thenReturn(true);
    when(outcomes.isPauseRequested()).thenReturn(true);
    BizgoCredentialsTesting.accept(credentials);

    verify(container, timeout(2_000)).resume();
    verify(outcomes, timeout(2_000)).resume();
  }

  @Test
  void aHalfOpenBreakerDoesNotResumeWhileTheCredentialsAreRejected() {
    BizgoCredentialsTesting.reject(credentials, "A401");
    breaker.transitionToOpenState();
    // The reconciler runs on its own thread (once per change): stub only once it is done.
    verify(container, timeout(2_000).times(2)).pause();
    verify(outcomes, timeout(2_000).times(2)).pause();
    when(container.isPauseRequested()).thenReturn(true);

    breaker.transitionToHalfOpenState();

    verify(container, after(500).never()).resume();
  }

  @Test
  void acceptedCredentialsDoNotResumeWhileTheBreakerIsOpen() {
    breaker.transitionToOpenState();
    BizgoCredentialsTesting.reject(credentials, "A401");
    verify(container, timeout(2_000).times(2)).pause();
    verify(outcomes, timeout(2_000).times(2)).pause();
    when(container.isPauseRequested()).thenReturn(true);

    BizgoCredentialsTesting.accept(credentials);

    verify(container, after(500).never()).resume();
  }
}

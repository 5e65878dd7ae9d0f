package io.parcelbell.contracts.secrets;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refusal into Spring Boot's "APPLICATION FAILED TO START" report with what to do. */
final class LocalDefaultsFailureAnalyzer
    extends AbstractFailureAnalyzer<LocalDefaultsRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, LocalDefaultsRefusedException cause) {
    String settings =
        cause.refused().stream()
            .map(
                r ->
                    "    - %s (env %s) is %s".formatted(r.name(), r.environmentVariable(), r.why()))
            .collect(Collectors.joining("\n"));
    return new FailureAnalysis(
        "Secrets this service will not run with outside the 'local' profile:\n" + settings,
        "Set each of them to the real secret (a Kubernetes Secret, Compose's .env), or, on a"
            + " developer's machine only, activate the 'local' profile"
            + " (--spring.profiles.active=local), as ./run-local does.",
        cause);
  }
}

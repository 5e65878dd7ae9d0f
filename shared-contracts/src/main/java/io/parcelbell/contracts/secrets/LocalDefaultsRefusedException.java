package io.parcelbell.contracts.secrets;

import java.util.List;
import java.util.stream.Collectors;

/** A service was started outside the local profile with secrets it must not run with. */
public final class LocalDefaultsRefusedException extends IllegalStateException {

  private final transient List<RefusedSetting> refused;

  LocalDefaultsRefusedException(List<RefusedSetting> refused) {
    super(
        "Refusing to start outside the 'local' profile: "
            + refused.stream()
                .map(r -> r.name() + " (env " + r.environmentVariable() + ") is " + r.why())
                .collect(Collectors.joining("; ")));
    this.refused = List.copyOf(refused);
  }

  public List<RefusedSetting> refused() {
    return refused;
  }
}

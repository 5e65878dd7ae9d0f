package io.parcelbell.notifier.bizgo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BizgoCredentialsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final BizgoCredentials credentials = new BizgoCredentials(meters);
  private final List<Boolean> blocked = new CopyOnWriteArrayList<>();

  {
    credentials.onChange(blocked::add);
  }

  @Test
  void aProbeThatFindsTheKeyAcceptedClearsARejectedKey() {
    credentials.rejected("A401");
    credentials.probeAccepted();

    assertThat(credentials.rejected()).isFalse();
    assertThat(credentials.blocksSends()).isFalse();
    assertThat(gauge()).isZero();
    assertThat(blocked).containsExactly(true, false);
  }

  @Test
  void aRefusedSenderIsOnlyTriedByARealSendAndTheGaugeStaysUpMeanwhile() {
    credentials.rejected("A403");
    credentials.probeAccepted(); // the key is fine; the probe cannot see the sender

    assertThat(credentials.blocksSends()).as("one real send may try").isFalse();
    assertThat(gauge()).as("still rejected until a send is answered").isEqualTo(1.0);

    credentials.rejected("A403"); // the trial send is refused again
    assertThat(credentials.blocksSends()).isTrue();
    assertThat(blocked).containsExactly(true, false, true);

    credentials.probeAccepted();
    credentials.accepted(); // a send answered normally: the sender was fixed
    assertThat(credentials.rejected()).isFalse();
    assertThat(gauge()).isZero();
  }

  private double gauge() {
    return meters.get(BizgoCredentials.GAUGE).gauge().value();
  }
}

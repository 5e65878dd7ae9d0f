package io.parcelbell.contracts.mongo;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationListener;
import reactor.core.Disposable;

/**
 * Creates an {@link IndexPlan}'s indexes once the application is ready, and is its health: DOWN
 * (with the last error) until every index exists. Register it as the bean {@code mongoIndexes} and
 * include that in the readiness group.
 */
public final class IndexPlanHealth extends AbstractHealthIndicator
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private final IndexPlan plan;
  private volatile Disposable creation;

  public IndexPlanHealth(IndexPlan plan) {
    this.plan = plan;
  }

  public IndexPlan plan() {
    return plan;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (creation == null) {
      creation = plan.ensure().subscribe();
    }
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    IndexPlan.Status status = plan.status();
    if (status.ready()) {
      builder.up();
    } else {
      builder.down().withDetail("error", String.valueOf(status.lastError()));
    }
  }

  @Override
  public void destroy() {
    if (creation != null) {
      creation.dispose();
    }
  }
}

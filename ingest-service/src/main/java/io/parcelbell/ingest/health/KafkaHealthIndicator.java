package io.parcelbell.ingest.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Ingest can only answer 200 after Kafka acked, so without a broker it should get no webhooks:
 * readiness asks the cluster to describe itself, within a short timeout. Liveness does not include
 * this check: restarting ingest does not bring a broker back.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final AdminClient admin;
  private final Duration timeout;

  KafkaHealthIndicator(AdminClient admin, Duration timeout) {
    super("Kafka health check failed");
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
    // The admin call has its own timeout; the outer get() is only a guard against a hung future.
    long waitMs = timeout.toMillis() + 500;
    String clusterId = cluster.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
    int nodes = cluster.nodes().get(waitMs, TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(1));
  }
}

package io.github.pixversecamunda.app;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Health component {@code camundaCluster}, part of the readiness group: UP once the job workers are
 * open and the last topology request reached a cluster with brokers. The request runs in the
 * background every {@code pixverse.cluster-check-interval} (default 10 s), so a probe answers at
 * once even when the cluster is unreachable; the Camunda client's own {@code camundaClient}
 * indicator, which blocks a probe for the whole request timeout, is switched off in its favour.
 */
@Component
public class CamundaClusterHealthIndicator extends AbstractHealthIndicator
    implements DisposableBean {

  private record Check(Instant at, int brokers, @Nullable String error) {}

  private final CamundaClient camunda;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "camunda-cluster-check");
            thread.setDaemon(true);
            return thread;
          });
  private final ScheduledFuture<?> checks;
  private volatile boolean workersOpen;

  /** Null until the first check has finished. */
  private volatile @Nullable Check last;

  /**
   * Starts checking the cluster at once and then every {@code interval}, on a daemon thread.
   *
   * @param camunda the application's Camunda client
   * @param interval the wait between two checks, and the time one check may take
   */
  public CamundaClusterHealthIndicator(
      CamundaClient camunda, @Value("${pixverse.cluster-check-interval:10s}") Duration interval) {
    super("Camunda cluster check failed");
    this.camunda = camunda;
    this.interval = interval;
    this.checks =
        scheduler.scheduleWithFixedDelay(
            this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The Camunda client opens the job workers while the context starts; ready comes after that. */
  @EventListener(ApplicationReadyEvent.class)
  public void workersOpened() {
    workersOpen = true;
  }

  private void check() {
    try {
      Topology topology =
          camunda
              .newTopologyRequest()
              .requestTimeout(interval)
              .send()
              .get(interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
      last = new Check(Instant.now(), topology.getBrokers().size(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      last =
          new Check(Instant.now(), 0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Check check = last;
    boolean reached = check != null && check.error() == null && check.brokers() > 0;
    builder
        .status(
            workersOpen && reached
                ? org.springframework.boot.actuate.health.Status.UP
                : org.springframework.boot.actuate.health.Status.DOWN)
        .withDetail("workersOpen", workersOpen)
        .withDetail("clusterReached", reached);
    if (check != null) {
      builder.withDetail("checkedAt", check.at().toString()).withDetail("brokers", check.brokers());
      if (check.error() != null) {
        builder.withDetail("error", check.error());
      }
    }
  }

  @Override
  public void destroy() {
    checks.cancel(true);
    scheduler.shutdownNow();
  }
}

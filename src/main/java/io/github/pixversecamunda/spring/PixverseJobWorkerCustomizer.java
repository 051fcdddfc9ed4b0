package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.WorkerSpec;
import org.springframework.core.Ordered;

/**
 * Gives the Spring job workers the timeout and fetch list of their {@link WorkerSpec}, the same
 * ones {@link PixverseWorkers#open} uses. It runs before the starter's property customizer, so
 * {@code camunda.client.worker.override.<type>.*} still wins over these defaults.
 */
public class PixverseJobWorkerCustomizer implements JobWorkerValueCustomizer, Ordered {

  /** Holds no state: every value comes from {@link PixverseWorkers#ALL}. */
  public PixverseJobWorkerCustomizer() {}

  @Override
  public void customize(JobWorkerValue worker) {
    for (WorkerSpec spec : PixverseWorkers.ALL) {
      if (spec.type().equals(worker.getType())) {
        // An annotation without a timeout arrives as -1 ms: "not set".
        if (worker.getTimeout() == null || worker.getTimeout().isNegative()) {
          worker.setTimeout(spec.timeout());
        }
        if (worker.getFetchVariables() == null || worker.getFetchVariables().isEmpty()) {
          worker.setFetchVariables(spec.fetchVariables());
        }
      }
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}

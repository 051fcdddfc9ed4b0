package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Benchmark, not a timing assertion: the time from creating a process instance (whose first step is
 * a job) to the worker's handler receiving that job, with a polling worker and with a streaming one
 * ({@code camunda.client.worker.defaults.stream-enabled}), on the in-memory engine, which
 * implements the job stream over gRPC. Prints the median, 90th percentile and mean of each; the
 * "Job streaming" in docs/operations.md quotes a run.
 */
// Slow: measures activation latency over many jobs.
@Tag("slow")
class JobStreamingBenchmarkTest {

  private static final int WARM_UP = 5;
  private static final int MEASURED = 40;

  // The test deploys its own one-job process.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withoutProcesses();

  @Test
  void timeFromJobCreationToActivationPollingAndStreaming(EngineHarness engine) throws Exception {
    engine
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("latency")
                .startEvent()
                .serviceTask("job", t -> t.zeebeJobType("latency-probe"))
                .endEvent()
                .done(),
            "latency.bpmn")
        .send()
        .join();

    double[] polling = measure(engine, false);
    double[] streaming = measure(engine, true);
    System.err.printf(
        "job creation -> activation over %d jobs, ms (median / p90 / mean):%n", MEASURED);
    System.err.printf("  polling   (stream-enabled=false): %s%n", describe(polling));
    System.err.printf("  streaming (stream-enabled=true):  %s%n", describe(streaming));
    assertThat(polling).hasSize(MEASURED);
    assertThat(streaming).hasSize(MEASURED);
    assertThat(Arrays.stream(polling).min().orElseThrow()).isPositive();
    assertThat(Arrays.stream(streaming).min().orElseThrow()).isPositive();
  }

  /** Milliseconds from sending each create-instance command to the handler holding its job. */
  private static double[] measure(EngineHarness engine, boolean stream) throws Exception {
    BlockingQueue<Long> activations = new ArrayBlockingQueue<>(1);
    JobWorker worker =
        engine
            .client()
            .newWorker()
            .jobType("latency-probe")
            .handler(
                (client, job) -> {
                  activations.add(System.nanoTime());
                  client.newCompleteCommand(job).send();
                })
            .streamEnabled(stream)
            .open();
    try {
      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < WARM_UP + MEASURED; i++) {
        long created = System.nanoTime();
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("latency")
            .latestVersion()
            .variables(Map.of("i", i))
            .send()
            .join();
        Long activated = activations.poll(30, TimeUnit.SECONDS);
        assertThat(activated).as("job %d reached the worker", i).isNotNull();
        if (i >= WARM_UP) {
          latencies.add((activated - created) / 1e6);
        }
      }
      return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      worker.close();
      // A stream closes asynchronously: let it go before the next worker registers.
      Thread.sleep(200);
    }
  }

  private static String describe(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    return String.format(
        "%.1f / %.1f / %.1f",
        sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.9) - 1], mean);
  }
}

package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timing assertion: N status checks against an API that takes 200 ms per answer,
 * handled by the asynchronous await handler on ONE calling thread, against a baseline of the same
 * checks made blocking one after another in the same process. Prints both and their ratio.
 */
// Slow: a measuring test.
@Tag("slow")
class AsyncHandlerBenchmarkTest {

  private static final int CHECKS = 100;
  private static final Duration API_LATENCY = Duration.ofMillis(200);

  @Test
  void oneThreadKeepsManyChecksInFlight() throws Exception {
    try (PixverseSimulator simulator =
        new PixverseSimulator().completeOnPoll(Integer.MAX_VALUE).start()) {
      PixverseClient api =
          new PixverseClient(
              PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
                  .withMaxInFlight(CHECKS));
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < CHECKS; i++) {
        taskIds.add(api.submit(GenerationRequest.builder().prompt("p" + i).build()).taskId());
      }

      int baselineChecks = 10;
      simulator.inject(Endpoint.STATUS, baselineChecks, Fault.delay(API_LATENCY));
      long baselineStart = System.nanoTime();
      for (int i = 0; i < baselineChecks; i++) {
        api.status(taskIds.get(i));
      }
      double blockingPerCheckMs = (System.nanoTime() - baselineStart) / 1e6 / baselineChecks;

      simulator.inject(Endpoint.STATUS, CHECKS, Fault.delay(API_LATENCY));
      ConcurrentLinkedQueue<JobOutcome> outcomes = new ConcurrentLinkedQueue<>();
      CountDownLatch done = new CountDownLatch(CHECKS);
      JobOutcomeSender sender =
          (client, job, outcome) -> {
            outcomes.add(outcome);
            done.countDown();
            return CompletableFuture.completedFuture(null);
          };
      AwaitTaskHandler handler =
          new AwaitTaskHandler(
              api, PollSchedule.DEFAULT, sender, Clock.systemUTC(), WorkerEvents.NONE);
      List<ActivatedJob> jobs = new ArrayList<>();
      for (String taskId : taskIds) {
        jobs.add(RecordingSender.job(Map.of(Variables.TASK_ID, taskId), Map.of(), 3));
      }
      long start = System.nanoTime();
      for (ActivatedJob job : jobs) {
        handler.handle(null, job);
      }
      double handOffMs = (System.nanoTime() - start) / 1e6;
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      double asyncTotalMs = (System.nanoTime() - start) / 1e6;

      double blockingTotalMs = blockingPerCheckMs * CHECKS;
      System.out.printf(
          "Await handler benchmark: %d checks at %d ms API latency%n",
          CHECKS, API_LATENCY.toMillis());
      System.out.printf(
          "  baseline, blocking one after another: %.0f ms per check -> %.0f ms for %d%n",
          blockingPerCheckMs, blockingTotalMs, CHECKS);
      System.out.printf(
          "  asynchronous handler, one calling thread: all handed off in %.0f ms, all done in %.0f ms%n",
          handOffMs, asyncTotalMs);
      System.out.printf("  speed-up: %.1fx%n", blockingTotalMs / asyncTotalMs);
      assertThat(outcomes).hasSize(CHECKS).allMatch(o -> o instanceof JobOutcome.Complete);
      assertThat(simulator.requests(Endpoint.STATUS)).isEqualTo(baselineChecks + CHECKS);
    }
  }
}

package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.github.pixversecamunda.testing.EngineHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The task header jobTimeout replaces the worker's job timeout for that task. */
class TaskJobTimeoutTest {

  private static final EngineHarness ENGINE = new EngineHarness();
  private static final WorkerSpec SLOW =
      new WorkerSpec("slow-work", Duration.ofMinutes(5), List.of());

  @AfterAll
  static void stop() {
    ENGINE.close();
  }

  private static long start(String processId, String jobTimeout) {
    ENGINE
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(processId)
                .startEvent()
                .serviceTask(
                    "work",
                    t ->
                        t.zeebeJobType(SLOW.type())
                            .zeebeTaskHeader(Variables.JOB_TIMEOUT_HEADER, jobTimeout))
                .boundaryEvent("invalid", b -> b.error(ErrorCodes.INVALID_INPUT))
                .endEvent("end_invalid")
                .moveToActivity("work")
                .endEvent()
                .done(),
            processId + ".bpmn")
        .send()
        .join();
    return ENGINE.start(processId, Map.of());
  }

  @Test
  void aLongerTimeoutOnTheTaskKeepsTheJobWithItsWorkerPastTheWorkersTimeout() {
    AtomicInteger deliveries = new AtomicInteger();
    // A handler that is still busy: its job would be handed out again after the worker's 5 minutes.
    AsyncJobHandler busy =
        (client, job) -> {
          deliveries.incrementAndGet();
          return new CompletableFuture<>();
        };
    JobWorker worker = PixverseWorkers.open(ENGINE.client(), SLOW, busy, new InFlightJobs());
    try {
      long updatesBefore = ENGINE.jobTimeoutUpdates();
      long instance = start("long-task", "PT2H");
      await().atMost(EngineHarness.WAIT).until(() -> deliveries.get() == 1);
      await()
          .atMost(EngineHarness.WAIT)
          .until(() -> ENGINE.jobTimeoutUpdates() == updatesBefore + 1);

      ENGINE.increaseTime(Duration.ofMinutes(6));
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> deliveries.get() == 1);

      ENGINE.increaseTime(Duration.ofHours(2));
      await().atMost(EngineHarness.WAIT).until(() -> deliveries.get() == 2);
      assertThat(ENGINE.isCompleted(instance)).isFalse();
    } finally {
      worker.close();
    }
  }

  @Test
  void aTimeoutThatIsNotADurationIsAnInvalidInputError() {
    JobWorker worker =
        PixverseWorkers.open(
            ENGINE.client(),
            SLOW,
            (client, job) -> CompletableFuture.failedFuture(new AssertionError("must not run")),
            new InFlightJobs());
    try {
      long updatesBefore = ENGINE.jobTimeoutUpdates();
      long instance = start("bad-timeout", "two hours");
      ENGINE.awaitCompleted(instance);

      assertThat(ENGINE.endEvents(instance)).containsExactly("end_invalid");
      assertThat(ENGINE.jobTimeoutUpdates()).isEqualTo(updatesBefore);

      assertThat(ENGINE.allValues(instance, Variables.ERROR).get(0).path("code").asText())
          .isEqualTo(ErrorCodes.INVALID_INPUT);
      assertThat(ENGINE.allValues(instance, Variables.ERROR).get(0).path("message").asText())
          .contains("jobTimeout")
          .contains("two hours")
          .contains("ISO-8601");
    } finally {
      worker.close();
    }
  }
}

package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task header jobTimeout replaces the worker's job timeout for that task. */
class TaskJobTimeoutTest {

  // Each test deploys its own one-task process.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withoutProcesses();

  private static final WorkerSpec SLOW =
      new WorkerSpec("slow-work", Duration.ofMinutes(5), List.of());

  private static long start(EngineHarness engine, String processId, String jobTimeout) {
    engine
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
    return engine.start(processId, Map.of());
  }

  @Test
  void aLongerTimeoutOnTheTaskKeepsTheJobWithItsWorkerPastTheWorkersTimeout(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    AtomicInteger deliveries = new AtomicInteger();
    // A handler that is still busy: its job would be handed out again after the worker's 5 minutes.
    AsyncJobHandler busy =
        (client, job) -> {
          deliveries.incrementAndGet();
          return new CompletableFuture<>();
        };
    fixture.closeAfterTest(PixverseWorkers.open(engine.client(), SLOW, busy, new InFlightJobs()));

    long updatesBefore = engine.jobTimeoutUpdates();
    long instance = start(engine, "long-task", "PT2H");
    await().atMost(EngineHarness.WAIT).until(() -> deliveries.get() == 1);
    await().atMost(EngineHarness.WAIT).until(() -> engine.jobTimeoutUpdates() == updatesBefore + 1);

    engine.increaseTime(Duration.ofMinutes(6));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveries.get() == 1);

    engine.increaseTime(Duration.ofHours(2));
    await().atMost(EngineHarness.WAIT).until(() -> deliveries.get() == 2);
    assertThat(engine.isCompleted(instance)).isFalse();
  }

  @Test
  void aTimeoutThatIsNotADurationIsAnInvalidInputError(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    fixture.closeAfterTest(
        PixverseWorkers.open(
            engine.client(),
            SLOW,
            (client, job) -> CompletableFuture.failedFuture(new AssertionError("must not run")),
            new InFlightJobs()));

    long updatesBefore = engine.jobTimeoutUpdates();
    long instance = start(engine, "bad-timeout", "two hours");
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_invalid");
    assertThat(engine.jobTimeoutUpdates()).isEqualTo(updatesBefore);

    assertThat(engine.allValues(instance, Variables.ERROR).get(0).path("code").asText())
        .isEqualTo(ErrorCodes.INVALID_INPUT);
    assertThat(engine.allValues(instance, Variables.ERROR).get(0).path("message").asText())
        .contains("jobTimeout")
        .contains("two hours")
        .contains("ISO-8601");
  }
}

package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.testing.WorkerProcess;
import io.github.pixversecamunda.worker.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "no credit is spent twice" (docs/failures.md) where it can break: the worker
 * application runs as a real child process against the in-memory engine's gRPC port and is killed
 * (SIGKILL) or stopped (SIGTERM) while the simulator holds a submit's answer back after creating
 * the paid task.
 */
// Slow: real worker JVMs, killed and stopped mid-submit.
@Tag("slow")
class CrashSafetyTest {

  /** A fresh engine per test: a killed worker's job streams must not reach into the next test. */
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withBundledProcesses()
          .simulator(s -> s.completeOnPoll(2))
          .oneEnginePerTest();

  private static final String TEXT = ProcessIds.TEXT_TO_VIDEO;

  /** Longer than the submit job's 5-minute timeout: the engine hands the job to another worker. */
  private static final Duration PAST_JOB_TIMEOUT = Duration.ofMinutes(6);

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private EngineFixture fixture;
  private EngineHarness engine;
  @TempDir Path temp;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    this.fixture = fixture;
    this.engine = fixture.engine();
  }

  private WorkerProcess worker(String name) {
    return worker(name, Map.of());
  }

  private WorkerProcess worker(String name, Map<String, String> settings) {
    WorkerProcess worker =
        WorkerProcess.application()
            .connectedTo(engine, fixture.simulator())
            .downloadsInto(fixture.storage())
            .anyFreePorts()
            .environment(settings)
            .log(temp.resolve(name + ".log"))
            .start();
    return fixture.closeAfterTest(worker);
  }

  private void awaitSubmits(int n) {
    await().atMost(STARTUP).until(() -> fixture.simulator().tasksCreated() >= n);
  }

  @Test
  void aWorkerKilledDuringItsSubmitIsNeverFollowedByASecondSubmit() {
    PixverseSimulator simulator = fixture.simulator();
    simulator.inject(Endpoint.SUBMIT, 1, Fault.answerLate(Duration.ofSeconds(40)));
    WorkerProcess first = worker("first");
    long instance = engine.start(TEXT, Map.of("prompt", "A lighthouse in a storm"));
    awaitSubmits(1);

    first.kill();
    worker("second").awaitStarted(STARTUP);
    passJobTimeoutsUntil(() -> !engine.incidents(instance).isEmpty());

    assertThat(engine.incidents(instance))
        .singleElement()
        .asString()
        .contains("a paid PixVerse task may exist")
        .contains(Variables.SUBMITTED_TASK_ID);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);

    // The operator finds the task in API in One and resumes with it, as the incident says.
    engine.resolveIncidents(
        instance, Map.of(Variables.SUBMITTED_TASK_ID, simulator.taskIds().get(0)));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText())
        .isEqualTo(simulator.taskIds().get(0));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void aWorkerStoppedDuringItsSubmitDrainsAndCompletesWithThatTask() {
    PixverseSimulator simulator = fixture.simulator();
    simulator.inject(Endpoint.SUBMIT, 1, Fault.answerLate(Duration.ofSeconds(4)));
    WorkerProcess first = worker("first");
    long instance = engine.start(TEXT, Map.of("prompt", "A lighthouse in a storm"));
    awaitSubmits(1);

    first.terminate();
    int exitCode = first.waitForExit(Duration.ofSeconds(60));

    assertThat(first.log()).contains("Drained");
    assertThat(engine.timesPassed(instance, ProcessIds.SUBMIT_VIDEO)).isEqualTo(1);
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(exitCode).isIn(0, 130, 143);

    worker("second");
    engine.awaitCompleted(instance);
    assertThat(engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText())
        .isEqualTo(simulator.taskIds().get(0));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(engine.incidents(instance)).isEmpty();
  }

  @Test
  void aSubmitStillUnansweredWhenTheDrainEndsIsNeverResent() {
    PixverseSimulator simulator = fixture.simulator();
    simulator.inject(Endpoint.SUBMIT, 1, Fault.answerLate(Duration.ofSeconds(40)));
    WorkerProcess first = worker("first", Map.of("PIXVERSE_DRAINTIMEOUT", "2s"));
    long instance = engine.start(TEXT, Map.of("prompt", "A lighthouse in a storm"));
    awaitSubmits(1);

    first.terminate();
    first.waitForExit(Duration.ofSeconds(30));
    assertThat(first.log()).contains("Drain timeout PT2S reached with 1 PixVerse job(s) in flight");

    worker("second").awaitStarted(STARTUP);
    passJobTimeoutsUntil(() -> !engine.openIncidents(instance).isEmpty());

    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .contains("a paid PixVerse task may exist");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aWorkerKilledWhileInstancesPollLeavesThemAllToTheNextWorker() {
    PixverseSimulator simulator = fixture.startSimulator(s -> s.completeOnPoll(4));
    WorkerProcess first = worker("first");
    first.awaitStarted(STARTUP);
    List<Long> instances =
        IntStream.range(0, 5)
            .mapToObj(i -> engine.start(TEXT, Map.of("prompt", "Waiting video " + i)))
            .toList();
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                instances.stream()
                    .allMatch(
                        instance -> engine.timesPassed(instance, ProcessIds.AWAIT_TASK) >= 1));

    first.kill();
    worker("second").awaitStarted(STARTUP);
    // The jobs the first worker held are handed out again.
    passJobTimeoutsUntil(() -> instances.stream().allMatch(engine::isCompleted));

    for (long instance : instances) {
      assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
      assertThat(engine.incidents(instance)).isEmpty();
    }
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(instances.size());
  }

  @Test
  void twoReplicasCarryFiftyInstancesWithOneSubmitAndOneFileEach() throws IOException {
    PixverseSimulator simulator = fixture.simulator();
    List<WorkerProcess> replicas = List.of(worker("first"), worker("second"));
    replicas.forEach(replica -> replica.awaitStarted(STARTUP));
    List<Long> instances =
        IntStream.range(0, 50)
            .mapToObj(i -> engine.start(TEXT, Map.of("prompt", "Replica video " + i)))
            .toList();
    engine.awaitAllCompletedOrAnIncident(instances, Duration.ofMinutes(3));

    assertThat(engine.instancesWithIncidents()).doesNotContainAnyElementsOf(instances);
    assertThat(engine.completedInstances()).containsAll(instances);
    assertThat(instances)
        .allSatisfy(
            instance ->
                assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(50);
    assertThat(simulator.tasksCreated()).isEqualTo(50);
    try (Stream<Path> files = Files.list(fixture.storage())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(simulator.taskIds().stream().map(id -> id + ".mp4").sorted().toList());
    }
    // Both replicas took part: the engine shared the jobs between them.
    assertThat(replicas).allSatisfy(r -> assertThat(r.log()).contains("submitted"));
  }

  /**
   * Moves engine time past the job timeout until {@code condition} holds. A job made activatable
   * again may first be pushed to the stream of the killed worker, which the gateway has not yet
   * dropped; that job stays locked until its next timeout. At most three steps (18 min of engine
   * time), within the process's 20-minute deadline.
   */
  private void passJobTimeoutsUntil(Callable<Boolean> condition) {
    for (int step = 1; ; step++) {
      engine.increaseTime(PAST_JOB_TIMEOUT);
      try {
        await().atMost(step == 3 ? STARTUP : Duration.ofSeconds(20)).until(condition);
        return;
      } catch (ConditionTimeoutException e) {
        if (step == 3) {
          throw e;
        }
      }
    }
  }
}

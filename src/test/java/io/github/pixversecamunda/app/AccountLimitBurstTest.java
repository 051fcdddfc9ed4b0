package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.simulator.PixverseSimulator.LimitRefusal;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of docs/limits.md, "limits wait, faults retry" where it can break: a burst larger
 * than the account's limit of generations at once, on the in-memory engine with the worker
 * application as real child processes (two replicas), through the shipped processes: many separate
 * text-to-video instances, as an upstream system starts them, and a batch whose lanes all start at
 * once. The simulated account runs at most {@value #LIMIT} generations and refuses every further
 * submit the way a plan does. Every video must complete, each paid once, with no incident and a
 * bounded number of refused submits per accepted one. The figures are printed.
 */
@Tag("slow")
class AccountLimitBurstTest {

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  private static final String TEXT = "pixverse-text-to-video";
  private static final String BATCH = "pixverse-batch";
  private static final int LIMIT = 4;
  private static final int INSTANCES = 24;
  private static final int BATCH_PROMPTS = 12;
  private static final Duration GENERATION_TIME = Duration.ofSeconds(2);

  /**
   * A generous bound: a refusal needs the limit to be full, and a replica sends nothing while it
   * waits, so refusals stay a small multiple of the submits that were accepted.
   */
  private static final double MAX_REFUSALS_PER_ACCEPTED = 3.0;

  @TempDir Path temp;

  private WorkerProcess replica(EngineFixture fixture, String name) {
    WorkerProcess worker =
        WorkerProcess.application()
            .connectedTo(fixture.engine(), fixture.simulator())
            .downloadsInto(fixture.storage())
            // The advice of docs/limits.md: the plan's limit divided by the replicas.
            .env("PIXVERSE_LIMITS_MAXSUBMITSINFLIGHT", Integer.toString(LIMIT / 2))
            // Short waits keep the test quick; the defaults (5 s doubling up to 2 min) suit a real
            // plan.
            .env("PIXVERSE_LIMITS_FIRSTWAIT", "1s")
            .env("PIXVERSE_LIMITS_MAXWAIT", "4s")
            .anyFreePorts()
            .log(temp.resolve(name + ".log"))
            .start();
    return fixture.closeAfterTest(worker);
  }

  @Test
  void aBurstBeyondTheAccountsLimitWaitsAndEveryVideoIsPaidOnce(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    PixverseSimulator simulator =
        fixture.startSimulator(
            s ->
                s.generationTime(GENERATION_TIME)
                    .accountLimit(
                        LIMIT, LimitRefusal.TOO_MANY_REQUESTS_RETRY_AFTER, Duration.ofSeconds(2)));
    List<WorkerProcess> workers = List.of(replica(fixture, "first"), replica(fixture, "second"));
    workers.forEach(worker -> worker.awaitStarted(Duration.ofSeconds(90)));

    long started = System.nanoTime();
    List<Long> instances =
        IntStream.range(0, INSTANCES)
            .mapToObj(i -> engine.start(TEXT, Map.of("prompt", "Burst video " + i)))
            .toList();
    List<String> prompts =
        IntStream.range(0, BATCH_PROMPTS).mapToObj(i -> "Batch video " + i).toList();
    long batch = engine.start(BATCH, Map.of("prompts", prompts, "maxConcurrent", BATCH_PROMPTS));
    List<Long> all = new ArrayList<>(instances);
    all.add(batch);

    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                engine.completedInstances().containsAll(all)
                    || !engine.allIncidents().isEmpty()
                    || workers.stream().anyMatch(w -> !w.isAlive()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    int videos = INSTANCES + BATCH_PROMPTS;
    Set<Long> completed = engine.completedInstances();
    long completedOfOurs = all.stream().filter(completed::contains).count();
    int refused = simulator.limitRefusals();
    int paid = simulator.tasksCreated();
    System.out.printf(
        "Account-limit burst: %d instances + a batch of %d (%d videos), limit %d at once (429 with"
            + " Retry-After: 2), 2 replicas: completed %d/%d instances, incidents %d, refused"
            + " submits %d (%.2f per accepted), submit requests %d, paid %d (%.2f per video), peak"
            + " running %d, %.1f s%n",
        INSTANCES,
        BATCH_PROMPTS,
        videos,
        LIMIT,
        completedOfOurs,
        all.size(),
        engine.allIncidents().size(),
        refused,
        paid == 0 ? 0.0 : (double) refused / paid,
        simulator.requests(Endpoint.SUBMIT),
        paid,
        (double) paid / videos,
        simulator.peakRunning(),
        took.toMillis() / 1000.0);

    assertThat(engine.allIncidents()).as("incidents").isEmpty();
    assertThat(completed).containsAll(all);
    assertThat(instances)
        .allSatisfy(
            instance -> assertThat(engine.endEvents(instance)).containsExactly("end_video_ready"));
    JsonNode results = engine.variable(batch, "results");
    assertThat(results).hasSize(BATCH_PROMPTS);
    results.forEach(result -> assertThat(result.path("state").asText()).isEqualTo("COMPLETED"));
    // Each video paid exactly once, and the account's limit was really what they met.
    assertThat(paid).isEqualTo(videos);
    assertThat(simulator.peakRunning()).isLessThanOrEqualTo(LIMIT);
    assertThat(refused).as("refused submits").isPositive();
    assertThat((double) refused / paid).isLessThanOrEqualTo(MAX_REFUSALS_PER_ACCEPTED);
    // The waiting is visible: the job's error message says so, and the task's variable records it.
    assertThat(engine.allErrorMessages())
        .anySatisfy(m -> assertThat(m).contains("Waiting for the account's limit"));
    assertThat(engine.allValues("pixverseSubmitWait"))
        .anySatisfy(w -> assertThat(w.path("refusals").asInt()).isPositive());
    assertThat(workers).allSatisfy(w -> assertThat(w.isAlive()).isTrue());
  }
}

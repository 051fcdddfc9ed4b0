package io.github.pixversecamunda.benchmark;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.PollSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Whole generations: the text-to-video flow without its download step (submit, then status checks
 * until the video is ready), {@value #GENERATIONS} videos started together, each ready after its
 * own time drawn uniformly within ±50% of the quoted time for 360p, 5 s, no audio (30 s: 15–45 s).
 * Nothing is shortened: the quoted time is the one {@link PollSchedule#expectedGenerationTime}
 * uses, so the project's schedule runs exactly as it would in production (first check at 62% of 30
 * s, then every 5 s, its floor). Both variants' workers run in their own JVM, at the same time,
 * against one engine and each against its own simulator (300 ms per API answer): this project's
 * worker application on its defaults, and the same flow built with Camunda's REST connector: a POST
 * task, a GET task, a gateway on the status and a fixed 5 s timer back to the GET.
 */
final class GenerationBenchmark {

  static final int GENERATIONS = 30;
  static final Resolution RESOLUTION = Resolution.P360;
  static final VideoDuration DURATION = VideoDuration.S5;
  static final double SPREAD = 0.5;
  static final Duration FIXED_INTERVAL = Duration.ofSeconds(5);

  enum Variant {
    PROJECT("project", SubmitBenchmark.Variant.PROJECT),
    REST_CONNECTOR("rest_connector", SubmitBenchmark.Variant.REST_CONNECTOR);

    final String key;
    final SubmitBenchmark.Variant worker;

    Variant(String key, SubmitBenchmark.Variant worker) {
      this.key = key;
      this.worker = worker;
    }
  }

  /** {@code meanInstanceS}: start to end of one generation's instance, averaged. */
  record Result(
      int generations,
      double makespanS,
      double cpuS,
      double checksPerGeneration,
      int peakThreads,
      double meanInstanceS,
      double meanReadyS) {}

  private final Path output;
  private final Duration apiLatency;

  GenerationBenchmark(Path output, Duration apiLatency) {
    this.output = output;
    this.apiLatency = apiLatency;
  }

  static Duration quoted() {
    return PollSchedule.expectedGenerationTime(RESOLUTION, DURATION, false);
  }

  /** The same seeded times in every variant: prompt → time until the simulator reports it ready. */
  static Map<String, Duration> generationTimes() {
    SplittableRandom random = new SplittableRandom(11);
    Map<String, Duration> times = new HashMap<>();
    long quoted = quoted().toMillis();
    for (int i = 0; i < GENERATIONS; i++) {
      times.put(
          prompt(i),
          Duration.ofMillis(Math.round(quoted * (1 - SPREAD + 2 * SPREAD * random.nextDouble()))));
    }
    return times;
  }

  private static String prompt(int i) {
    return "Generation benchmark video " + i;
  }

  /**
   * Both variants at once on one engine (the engine and the JVMs wait on generation times, not on
   * the CPU), each with its own simulator so that its status checks are counted apart.
   */
  Map<Variant, Result> run() throws Exception {
    Map<String, Duration> times = generationTimes();
    Map<Variant, PixverseSimulator> simulators = new EnumMap<>(Variant.class);
    Map<Variant, WorkerJvm> workers = new EnumMap<>(Variant.class);
    try (EngineHarness engine = new EngineHarness()) {
      for (Variant variant : Variant.values()) {
        PixverseSimulator simulator =
            new PixverseSimulator()
                .generationTimes(times::get)
                .responseDelay(Endpoint.SUBMIT, apiLatency)
                .responseDelay(Endpoint.STATUS, apiLatency)
                .start();
        simulators.put(variant, simulator);
        engine
            .client()
            .newDeployResourceCommand()
            .addProcessModel(process(variant, simulator), processId(variant) + ".bpmn")
            .send()
            .join();
        Map<String, String> environment =
            SubmitBenchmark.environment(variant.worker, engine, simulator);
        // The download step is left out of the flow, so its worker is off.
        environment.put("PIXVERSE_WORKERS_DOWNLOAD_ENABLED", "false");
        workers.put(
            variant,
            WorkerJvm.start(
                variant.worker.application, environment, variant.worker.connectors, log(variant)));
      }
      Map<Variant, WorkerJvm.Stats> before = new EnumMap<>(Variant.class);
      for (Variant variant : Variant.values()) {
        workers.get(variant).awaitReady(log(variant));
        workers.get(variant).resetPeakThreads();
        before.put(variant, workers.get(variant).stats());
      }
      Map<Variant, Set<Long>> instances = new EnumMap<>(Variant.class);
      for (Variant variant : Variant.values()) {
        List<CompletableFuture<Long>> starts = new ArrayList<>();
        for (int i = 0; i < GENERATIONS; i++) {
          starts.add(
              engine
                  .client()
                  .newCreateInstanceCommand()
                  .bpmnProcessId(processId(variant))
                  .latestVersion()
                  .variables(
                      Map.of(
                          "prompt",
                          prompt(i),
                          "resolution",
                          RESOLUTION.wire(),
                          "duration",
                          Integer.parseInt(DURATION.wire())))
                  .send()
                  .toCompletableFuture()
                  .thenApply(e -> e.getProcessInstanceKey()));
        }
        Set<Long> keys = new HashSet<>();
        for (CompletableFuture<Long> start : starts) {
          keys.add(start.join());
        }
        instances.put(variant, keys);
      }
      Set<Long> all = new HashSet<>();
      instances.values().forEach(all::addAll);
      EngineClock clock = new EngineClock(engine);
      Map<Variant, WorkerJvm.Stats> after = new EnumMap<>(Variant.class);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < deadline && after.size() < Variant.values().length) {
        Map<Long, Long> ends = clock.completedAt(all);
        for (Variant variant : Variant.values()) {
          if (!after.containsKey(variant) && ends.keySet().containsAll(instances.get(variant))) {
            // CPU time up to the variant's own last generation, not while the other one finishes.
            after.put(variant, workers.get(variant).stats());
          }
        }
        Thread.sleep(1000);
      }
      Map<Long, Long> begins = clock.startedAt(all);
      Map<Long, Long> endedAt = clock.completedAt(all);
      Map<Variant, Result> results = new EnumMap<>(Variant.class);
      for (Variant variant : Variant.values()) {
        if (!after.containsKey(variant)) {
          throw new IllegalStateException(
              variant.key
                  + ": not all "
                  + GENERATIONS
                  + " generations completed within 5 minutes; see "
                  + log(variant));
        }
        Set<Long> keys = instances.get(variant);
        long first = keys.stream().mapToLong(begins::get).min().orElseThrow();
        long last = keys.stream().mapToLong(endedAt::get).max().orElseThrow();
        double meanInstance =
            keys.stream().mapToLong(k -> endedAt.get(k) - begins.get(k)).average().orElseThrow()
                / 1000.0;
        double meanReady =
            times.values().stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000.0;
        results.put(
            variant,
            new Result(
                GENERATIONS,
                (last - first) / 1000.0,
                (after.get(variant).cpuNanos() - before.get(variant).cpuNanos()) / 1e9,
                simulators.get(variant).requests(Endpoint.STATUS) / (double) GENERATIONS,
                after.get(variant).peakThreads(),
                meanInstance,
                meanReady));
      }
      return results;
    } finally {
      for (WorkerJvm worker : workers.values()) {
        worker.close();
      }
      simulators.values().forEach(PixverseSimulator::close);
    }
  }

  private Path log(Variant variant) {
    return output.resolve("logs").resolve("generation-" + variant.key + ".log");
  }

  private static String processId(Variant variant) {
    return "bench-generation-" + variant.key.replace('_', '-');
  }

  /**
   * The bundled text-to-video flow up to the video being ready, or its REST connector equivalent.
   */
  private static BpmnModelInstance process(Variant variant, PixverseSimulator simulator) {
    if (variant == Variant.PROJECT) {
      // Inputs, headers and the timer as in bpmn/pixverse-text-to-video.bpmn.
      return Bpmn.createExecutableProcess(processId(variant))
          .startEvent()
          .serviceTask(
              "submit_video",
              task ->
                  task.zeebeJobType(JobTypes.SUBMIT_VIDEO)
                      .zeebeJobRetries("3")
                      .zeebeInputExpression("prompt", "prompt")
                      .zeebeInput("text", "mode")
                      .zeebeInputExpression("resolution", "resolution")
                      .zeebeInputExpression("duration", "duration")
                      .zeebeTaskHeader("resultVariable", "pixverse")
                      .zeebeTaskHeader("retryBackoff", "PT10S"))
          .serviceTask(
              "await_task",
              task ->
                  task.zeebeJobType(JobTypes.AWAIT_TASK)
                      .zeebeJobRetries("3")
                      .zeebeInputExpression("pixverse.taskId", "taskId")
                      .zeebeInputExpression("pixverse", "submission")
                      .zeebeInputExpression("pixverseStatus", "previousStatus")
                      .zeebeTaskHeader("resultVariable", "pixverseStatus")
                      .zeebeTaskHeader("retryBackoff", "PT5S"))
          .exclusiveGateway("is_finished")
          .condition("=pixverseStatus.state = \"COMPLETED\"")
          .endEvent("ready")
          .moveToLastGateway()
          .condition("=pixverseStatus.state != \"COMPLETED\"")
          .intermediateCatchEvent("wait_before_next_check")
          .timerWithDurationExpression("pixverseStatus.nextPollIn")
          .connectTo("await_task")
          .done();
    }
    // As a user would model it with the REST connector template: POST, GET, a gateway, a fixed
    // timer.
    String connector = SubmitBenchmark.Variant.REST_CONNECTOR.jobType;
    return Bpmn.createExecutableProcess(processId(variant))
        .startEvent()
        .serviceTask(
            "submit_video",
            task ->
                task.zeebeJobType(connector)
                    .zeebeJobRetries("3")
                    .zeebeInputExpression("\"bearer\"", "authentication.type")
                    .zeebeInput("{{secrets.BENCH_PIXVERSE_KEY}}", "authentication.token")
                    .zeebeInputExpression("\"POST\"", "method")
                    .zeebeInput(simulator.baseUrl() + "/videos/generations", "url")
                    .zeebeInputExpression(
                        "{model: \"pixverse-5-6\", prompt: prompt, resolution: resolution,"
                            + " duration: duration}",
                        "body")
                    .zeebeTaskHeader("resultExpression", "={taskId: response.body.data.task_id}"))
        .serviceTask(
            "check_status",
            task ->
                task.zeebeJobType(connector)
                    .zeebeJobRetries("3")
                    .zeebeInputExpression("\"bearer\"", "authentication.type")
                    .zeebeInput("{{secrets.BENCH_PIXVERSE_KEY}}", "authentication.token")
                    .zeebeInputExpression("\"GET\"", "method")
                    .zeebeInputExpression("\"" + simulator.baseUrl() + "/tasks/\" + taskId", "url")
                    .zeebeTaskHeader(
                        "resultExpression",
                        "={status: response.body.data.status,"
                            + " videoUrl: response.body.data.output.video_url}"))
        .exclusiveGateway("is_finished")
        .condition("=status = \"completed\"")
        .endEvent("ready")
        .moveToLastGateway()
        .condition("=status != \"completed\"")
        .intermediateCatchEvent("wait_5s")
        .timerWithDuration(FIXED_INTERVAL.toString())
        .connectTo("check_status")
        .done();
  }
}

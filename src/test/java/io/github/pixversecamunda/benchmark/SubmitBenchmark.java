package io.github.pixversecamunda.benchmark;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.github.pixversecamunda.app.PixverseWorkerApplication;
import io.github.pixversecamunda.benchmark.blocking.BlockingSubmitApplication;
import io.github.pixversecamunda.benchmark.connector.ConnectorRuntimeApplication;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.JobTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Submit throughput: {@code jobs} instances of a one-task process whose task submits a video, the
 * simulator answering every submit after the API latency, the variant's workers in their own JVM
 * against a fresh in-memory engine in this one.
 */
final class SubmitBenchmark {

  enum Variant {
    PROJECT("project", JobTypes.SUBMIT_VIDEO, PixverseWorkerApplication.class, false),
    BLOCKING(
        "blocking", BlockingSubmitApplication.JOB_TYPE, BlockingSubmitApplication.class, false),
    REST_CONNECTOR(
        "rest_connector", "io.camunda:http-json:1", ConnectorRuntimeApplication.class, true);

    final String key;
    final String jobType;
    final Class<?> application;
    final boolean connectors;

    Variant(String key, String jobType, Class<?> application, boolean connectors) {
      this.key = key;
      this.jobType = jobType;
      this.application = application;
      this.connectors = connectors;
    }
  }

  record Result(int jobs, double makespanS, double cpuS, int peakThreads, long p50Ms, long p99Ms) {
    double jobsPerSecond() {
      return jobs / makespanS;
    }
  }

  private final Path output;
  private final Duration apiLatency;

  SubmitBenchmark(Path output, Duration apiLatency) {
    this.output = output;
    this.apiLatency = apiLatency;
  }

  /**
   * The variants at once on one engine, each with its own process, simulator and worker JVM. Only
   * variants bound by the API's latency belong together (the blocking worker and the REST
   * connector, a few jobs a second each); the project's run is bound by the CPU and runs alone.
   */
  Map<Variant, Result> run(List<Variant> variants, int jobs, int round) throws Exception {
    Map<Variant, PixverseSimulator> simulators = new EnumMap<>(Variant.class);
    Map<Variant, WorkerJvm> workers = new EnumMap<>(Variant.class);
    try (EngineHarness engine = new EngineHarness()) {
      for (Variant variant : variants) {
        PixverseSimulator simulator =
            new PixverseSimulator().responseDelay(Endpoint.SUBMIT, apiLatency).start();
        simulators.put(variant, simulator);
        engine
            .client()
            .newDeployResourceCommand()
            .addProcessModel(process(variant, simulator), processId(variant) + ".bpmn")
            .send()
            .join();
        workers.put(
            variant,
            WorkerJvm.start(
                variant.application,
                environment(variant, engine, simulator),
                variant.connectors,
                log(variant, round)));
      }
      Map<Variant, WorkerJvm.Stats> before = new EnumMap<>(Variant.class);
      for (Variant variant : variants) {
        workers.get(variant).awaitReady(log(variant, round));
        workers.get(variant).resetPeakThreads();
        before.put(variant, workers.get(variant).stats());
      }
      Map<Variant, Set<Long>> instances = new EnumMap<>(Variant.class);
      for (Variant variant : variants) {
        List<CompletableFuture<Long>> starts = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
          starts.add(
              engine
                  .client()
                  .newCreateInstanceCommand()
                  .bpmnProcessId(processId(variant))
                  .latestVersion()
                  .variables(
                      Map.of("prompt", "Benchmark video " + i, "resolution", "720p", "duration", 5))
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
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (System.nanoTime() < deadline && after.size() < variants.size()) {
        Map<Long, Long> ends = clock.completedAt(all);
        for (Variant variant : variants) {
          if (!after.containsKey(variant) && ends.keySet().containsAll(instances.get(variant))) {
            // CPU time and threads up to the variant's own last job, not while another one
            // finishes.
            after.put(variant, workers.get(variant).stats());
          }
        }
        // Seldom: each look reads the whole record stream, CPU the engine needs (times come from
        // the records).
        Thread.sleep(2000);
      }
      Map<Long, Long> begins = clock.startedAt(all);
      Map<Long, Long> ends = clock.completedAt(all);
      Map<Variant, Result> results = new EnumMap<>(Variant.class);
      for (Variant variant : variants) {
        if (!after.containsKey(variant)) {
          throw new IllegalStateException(
              variant.key
                  + ": not all "
                  + jobs
                  + " submits completed within 10 minutes; see "
                  + log(variant, round));
        }
        Set<Long> keys = instances.get(variant);
        long first = keys.stream().mapToLong(begins::get).min().orElseThrow();
        long last = keys.stream().mapToLong(ends::get).max().orElseThrow();
        List<Long> held = clock.jobHoldTimes(variant.jobType);
        results.put(
            variant,
            new Result(
                jobs,
                (last - first) / 1000.0,
                (after.get(variant).cpuNanos() - before.get(variant).cpuNanos()) / 1e9,
                after.get(variant).peakThreads(),
                EngineClock.percentile(held, 50),
                EngineClock.percentile(held, 99)));
      }
      return results;
    } finally {
      for (WorkerJvm worker : workers.values()) {
        worker.close();
      }
      simulators.values().forEach(PixverseSimulator::close);
    }
  }

  private Path log(Variant variant, int round) {
    return output.resolve("logs").resolve("submit-" + variant.key + "-" + round + ".log");
  }

  private static String processId(Variant variant) {
    return "bench-submit-" + variant.key.replace('_', '-');
  }

  private static BpmnModelInstance process(Variant variant, PixverseSimulator simulator) {
    return Bpmn.createExecutableProcess(processId(variant))
        .startEvent()
        .serviceTask(
            "submit",
            task -> {
              task.zeebeJobType(variant.jobType);
              if (variant == Variant.REST_CONNECTOR) {
                // The same POST as the workers send, configured the way the REST connector's
                // template does.
                task.zeebeInputExpression("\"bearer\"", "authentication.type")
                    .zeebeInput("{{secrets.BENCH_PIXVERSE_KEY}}", "authentication.token")
                    .zeebeInputExpression("\"POST\"", "method")
                    .zeebeInput(simulator.baseUrl() + "/videos/generations", "url")
                    .zeebeInputExpression(
                        "{model: \"pixverse-5-6\", prompt: prompt, resolution: resolution,"
                            + " duration: duration}",
                        "body")
                    .zeebeTaskHeader("resultExpression", "={taskId: response.body.data.task_id}");
              }
            })
        .endEvent()
        .done();
  }

  /** The worker JVM's settings: the engine, the simulator, quiet logs, a free web port. */
  static Map<String, String> environment(
      Variant variant, EngineHarness engine, PixverseSimulator simulator) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CAMUNDA_CLIENT_MODE", "self-managed");
    env.put("CAMUNDA_CLIENT_AUTH_METHOD", "none");
    env.put("CAMUNDA_CLIENT_GRPCADDRESS", engine.grpcAddress());
    env.put("CAMUNDA_CLIENT_RESTADDRESS", "http://127.0.0.1:1");
    env.put("CAMUNDA_CLIENT_PREFERRESTOVERGRPC", "false");
    // Quiet logs in every variant: the benchmark measures the workers, not their logging.
    env.put("LOGGING_LEVEL_ROOT", "WARN");
    env.put("LOGGING_LEVEL_IO_GITHUB_PIXVERSECAMUNDA", "WARN");
    // Web servers (health, metrics, the connectors' webhooks) on free ports: several variants may
    // run at once.
    env.put("SERVER_PORT", "0");
    switch (variant) {
      case PROJECT -> {
        env.put("PIXVERSE_API_KEY", simulator.apiKey());
        env.put("PIXVERSE_BASE_URL", simulator.baseUrl());
        env.put(
            "PIXVERSE_DOWNLOAD_DIRECTORY",
            Path.of("target", "benchmark", "downloads").toAbsolutePath().toString());
      }
      case BLOCKING -> {
        env.put("BENCH_BASE_URL", simulator.baseUrl());
        env.put("BENCH_API_KEY", simulator.apiKey());
      }
      case REST_CONNECTOR -> {
        // A connector secret (read from the environment); not PIXVERSE_API_KEY, which would start
        // this project's workers.
        env.put("BENCH_PIXVERSE_KEY", simulator.apiKey());
        // Only outbound connectors: the inbound side needs the cluster's search API, which this
        // engine lacks.
        env.put("CAMUNDA_CONNECTOR_POLLING_ENABLED", "false");
        env.put("CAMUNDA_CONNECTOR_WEBHOOK_ENABLED", "false");
      }
    }
    return env;
  }
}

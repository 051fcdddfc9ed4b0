package io.github.pixversecamunda.benchmark;

import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.PollSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The batch process: {@value #PROMPTS} prompts, {@value #MAX_CONCURRENT} at once, generation times
 * spread uniformly over a 1:6 range (shortened to 1.5–9 s), the project's workers checking every
 * second. Measures the batch in {@code bpmn/} and today's rounds design (a copy kept as a benchmark
 * resource), and computes the ideal bound: a new video starts the moment any running one ends.
 */
final class BatchBenchmark {

  static final int PROMPTS = 30;
  static final int MAX_CONCURRENT = 3;
  static final double SHORTEST_S = 1.5;
  static final double LONGEST_S = 9.0;

  /** The bounds: each design's makespan if a video cost nothing beyond its generation time. */
  record Result(
      double projectMakespanS,
      double roundsMakespanS,
      double idealMakespanS,
      double lanesBoundS,
      double roundsBoundS) {}

  private final Path output;

  BatchBenchmark(Path output) {
    this.output = output;
  }

  Result run() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<String> prompts = new ArrayList<>();
    Map<String, Duration> times = new HashMap<>();
    for (int i = 0; i < PROMPTS; i++) {
      String prompt = "Batch video " + i;
      prompts.add(prompt);
      times.put(
          prompt,
          Duration.ofMillis(
              Math.round(1000 * (SHORTEST_S + (LONGEST_S - SHORTEST_S) * random.nextDouble()))));
    }
    // Both designs at once on one engine, served by the same workers: they wait on generation
    // times, not on the CPU, so neither slows the other and the part takes half as long. (Two
    // in-memory engines must not run at once in one JVM: they corrupt each other's records.)
    Map<String, Double> makespans = makespans(prompts, times);
    return new Result(
        makespans.get("pixverse-batch"),
        makespans.get(ROUNDS_ID),
        ideal(prompts, times),
        lanesBound(prompts, times),
        roundsBound(prompts, times));
  }

  /**
   * Lanes as bpmn/pixverse-batch.bpmn deals them (prompt i to lane i mod maxConcurrent), no
   * overhead.
   */
  static double lanesBound(List<String> prompts, Map<String, Duration> times) {
    double[] lanes = new double[MAX_CONCURRENT];
    for (int i = 0; i < prompts.size(); i++) {
      lanes[i % MAX_CONCURRENT] += times.get(prompts.get(i)).toMillis() / 1000.0;
    }
    return java.util.Arrays.stream(lanes).max().orElse(0);
  }

  /** Rounds of maxConcurrent videos, each round as long as its slowest video, no overhead. */
  static double roundsBound(List<String> prompts, Map<String, Duration> times) {
    double total = 0;
    for (int start = 0; start < prompts.size(); start += MAX_CONCURRENT) {
      total +=
          prompts.subList(start, Math.min(prompts.size(), start + MAX_CONCURRENT)).stream()
              .mapToDouble(p -> times.get(p).toMillis() / 1000.0)
              .max()
              .orElse(0);
    }
    return total;
  }

  /** Greedy start-on-finish with no overhead at all: no schedule of these videos can end sooner. */
  static double ideal(List<String> prompts, Map<String, Duration> times) {
    PriorityQueue<Double> slots = new PriorityQueue<>();
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      slots.add(0.0);
    }
    double end = 0;
    for (String prompt : prompts) {
      double finish = slots.poll() + times.get(prompt).toMillis() / 1000.0;
      end = Math.max(end, finish);
      slots.add(finish);
    }
    return end;
  }

  private static final String ROUNDS_ID = "pixverse-batch-rounds";

  /**
   * Makespan of each process id: {@code bpmn/pixverse-batch.bpmn} and the rounds copy, run
   * together.
   */
  private Map<String, Double> makespans(List<String> prompts, Map<String, Duration> times)
      throws Exception {
    try (EngineHarness engine = new EngineHarness();
        PixverseSimulator simulator = new PixverseSimulator().generationTimes(times::get).start();
        VideoDownloader downloader =
            VideoDownloader.intoDirectory(
                DownloadSettings.of(Files.createDirectories(output.resolve("downloads")))
                    .withAllowLoopback(true))) {
      engine.deployBundledProcesses();
      String xml =
          resource("benchmark/pixverse-batch-rounds.bpmn")
              .replace("id=\"pixverse-batch\"", "id=\"" + ROUNDS_ID + "\"");
      engine
          .client()
          .newDeployResourceCommand()
          .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), ROUNDS_ID + ".bpmn")
          .send()
          .join();
      PixverseClient api =
          new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey()));
      List<JobWorker> workers =
          PixverseWorkers.open(
              engine.client(),
              api,
              new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(1)),
              downloader);
      try {
        Map<String, Long> instances = new HashMap<>();
        for (String processId : List.of("pixverse-batch", ROUNDS_ID)) {
          instances.put(
              processId,
              engine.start(processId, Map.of("prompts", prompts, "maxConcurrent", MAX_CONCURRENT)));
        }
        Set<Long> keys = Set.copyOf(instances.values());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        EngineClock clock = new EngineClock(engine);
        while (System.nanoTime() < deadline) {
          Map<Long, Long> ends = clock.completedAt(keys);
          if (ends.size() == keys.size()) {
            Map<Long, Long> starts = clock.startedAt(keys);
            Map<String, Double> makespans = new HashMap<>();
            instances.forEach(
                (id, key) -> makespans.put(id, (ends.get(key) - starts.get(key)) / 1000.0));
            return makespans;
          }
          for (Map.Entry<String, Long> instance : instances.entrySet()) {
            if (!engine.incidents(instance.getValue()).isEmpty()) {
              throw new IllegalStateException(
                  instance.getKey()
                      + " raised incidents: "
                      + engine.incidents(instance.getValue()));
            }
          }
          Thread.sleep(500);
        }
        throw new IllegalStateException("the batches did not end within 5 minutes");
      } finally {
        workers.forEach(JobWorker::close);
      }
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BatchBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package io.github.pixversecamunda.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.pixversecamunda.worker.PollSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mvn -q -Pbenchmark}: this project's workers against what a Camunda user would build instead.
 * Prints a table and writes {@code target/benchmark/results.json}. Options ({@code -Dargs="..."}):
 * {@code --jobs N} submits per variant (300), {@code --rounds N} runs per submit variant, median
 * kept (1), {@code --only submit,polling,batch,generation}.
 */
public final class Benchmark {

  static final Duration API_LATENCY = Duration.ofMillis(300);

  private Benchmark() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = 300;
    int rounds = 1;
    Set<String> parts = Set.of("submit", "generation", "polling", "batch");
    Set<String> variants = Set.of("project", "blocking", "rest_connector");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jobs" -> jobs = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--only" -> parts = Set.of(args[++i].split(","));
        case "--variants" -> variants = Set.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (options: --jobs N, --rounds N, --only submit,generation,polling,batch,"
            + " --variants project,blocking,rest_connector)");
      }
    }
    Path output = Path.of("target", "benchmark").toAbsolutePath();
    Files.createDirectories(output);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", machine());
    results.put("api_latency_ms", API_LATENCY.toMillis());
    List<String> table = new ArrayList<>();

    Map<String, Object> submit = new LinkedHashMap<>();
    if (parts.contains("submit")) {
      table.add(String.format("%-28s %6s %10s %7s %8s %8s %8s %9s", "submit (" + jobs + " jobs)", "jobs/s",
          "makespan s", "cpu s", "cpu ms/j", "threads", "p50 ms", "p99 ms"));
      SubmitBenchmark benchmark = new SubmitBenchmark(output, API_LATENCY);
      for (SubmitBenchmark.Variant variant : SubmitBenchmark.Variant.values()) {
        if (!variants.contains(variant.key)) {
          continue;
        }
        List<SubmitBenchmark.Result> runs = new ArrayList<>();
        String failure = null;
        for (int round = 1; round <= rounds && failure == null; round++) {
          try {
            runs.add(benchmark.run(variant, jobs, round));
          } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
        }
        if (failure != null) {
          submit.put(variant.key, null);
          submit.put(variant.key + "_reason", failure);
          table.add(String.format("%-28s failed: %s", variant.key, failure));
          continue;
        }
        runs.sort(Comparator.comparingDouble(SubmitBenchmark.Result::makespanS));
        SubmitBenchmark.Result median = runs.get(runs.size() / 2);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jobs", median.jobs());
        r.put("makespan_s", round(median.makespanS()));
        r.put("cpu_s", round(median.cpuS()));
        r.put("peak_threads", median.peakThreads());
        r.put("p50_ms", median.p50Ms());
        r.put("p99_ms", median.p99Ms());
        r.put("jobs_per_s", round(median.jobsPerSecond()));
        submit.put(variant.key, r);
        table.add(String.format("%-28s %6.1f %10.2f %7.2f %8.2f %8d %8d %9d", variant.key, median.jobsPerSecond(),
            median.makespanS(), median.cpuS(), 1000 * median.cpuS() / median.jobs(), median.peakThreads(),
            median.p50Ms(), median.p99Ms()));
      }
      results.put("submit", submit);
    }

    if (parts.contains("generation")) {
      Map<String, Object> generation = new LinkedHashMap<>();
      generation.put("project", null);
      generation.put("rest_connector", null);
      generation.put("reason", "the whole-generation comparison is not built yet");
      results.put("generation", generation);
      table.add("generation: not built yet (see results.json)");
    }

    if (parts.contains("polling")) {
      Map<String, Object> polling = new LinkedHashMap<>();
      table.add(String.format("%-28s %8s %9s %12s", "polling (±50% spread)", "checks", "latency %",
          "range"));
      Map<String, PollingBenchmark.Policy> policies = new LinkedHashMap<>();
      policies.put("adaptive", PollingBenchmark.adaptive(PollSchedule.DEFAULT));
      policies.put("fixed_5s", PollingBenchmark.fixed(Duration.ofSeconds(5)));
      policies.put("fixed_10s", PollingBenchmark.fixed(Duration.ofSeconds(10)));
      for (Map.Entry<String, PollingBenchmark.Policy> policy : policies.entrySet()) {
        PollingBenchmark.Result r = PollingBenchmark.run(policy.getValue());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("checks_per_generation", round(r.checksPerGeneration()));
        p.put("added_latency_pct", round(r.addedLatencyPct()));
        p.put("checks_range", List.of(round(r.minChecks()), round(r.maxChecks())));
        p.put("added_latency_pct_range", List.of(round(r.minLatencyPct()), round(r.maxLatencyPct())));
        polling.put(policy.getKey(), p);
        table.add(String.format("%-28s %8.2f %9.1f   %.1f-%.1f checks, %.1f-%.1f%%", policy.getKey(),
            r.checksPerGeneration(), r.addedLatencyPct(), r.minChecks(), r.maxChecks(), r.minLatencyPct(),
            r.maxLatencyPct()));
      }
      results.put("polling", polling);
    }

    if (parts.contains("batch")) {
      BatchBenchmark.Result batch = new BatchBenchmark(output).run();
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("prompts", BatchBenchmark.PROMPTS);
      values.put("max_concurrent", BatchBenchmark.MAX_CONCURRENT);
      values.put("project_makespan_s", round(batch.projectMakespanS()));
      values.put("rounds_makespan_s", round(batch.roundsMakespanS()));
      values.put("ideal_makespan_s", round(batch.idealMakespanS()));
      values.put("generation_time_range_s", List.of(BatchBenchmark.SHORTEST_S, BatchBenchmark.LONGEST_S));
      results.put("batch", values);
      table.add(String.format("batch (30 prompts, 3 at once): bpmn/ %.1f s, rounds %.1f s, ideal %.1f s",
          batch.projectMakespanS(), batch.roundsMakespanS(), batch.idealMakespanS()));
    }

    Path json = output.resolve("results.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
    System.out.println();
    System.out.println("Machine: " + results.get("machine"));
    table.forEach(System.out::println);
    System.out.println("Written: " + json);
    System.exit(0);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // Not Linux: the core count and the JDK still say enough.
    }
    long memoryGb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
    return Runtime.getRuntime().availableProcessors() + " cores " + cpu + ", " + memoryGb + " GB, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + System.getProperty("java.version");
  }

}

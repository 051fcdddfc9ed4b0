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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code mvn -q -Pbenchmark}: this project's workers against what a Camunda user would build
 * instead. Prints a table and writes {@code target/benchmark/results.json}. Options ({@code
 * -Dargs="..."}): {@code --jobs N} submits per variant (200), {@code --rounds N} runs per submit
 * variant, median kept (1), {@code --only submit,polling,batch,generation}, {@code --variants ...}
 * (submit).
 */
public final class Benchmark {

  static final Duration API_LATENCY = Duration.ofMillis(300);

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = 200;
    int rounds = 1;
    Set<String> parts = Set.of("submit", "generation", "polling", "batch");
    Set<String> variants = Set.of("project", "blocking", "rest_connector");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jobs" -> jobs = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--only" -> parts = Set.of(args[++i].split(","));
        case "--variants" -> variants = Set.of(args[++i].split(","));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + " (options: --jobs N, --rounds N, --only submit,generation,polling,batch,"
                    + " --variants project,blocking,rest_connector)");
      }
    }
    Path output = Path.of("target", "benchmark").toAbsolutePath();
    Files.createDirectories(output);

    // One part after the other: two in-memory engines running at once in one JVM corrupt each
    // other's records. Inside the generation and batch parts, the variants share one engine and run
    // at the same time: they wait on generation times, not on the CPU.
    List<Part> planned = new ArrayList<>();
    if (parts.contains("submit")) {
      // The project's run is bound by the CPU and runs alone; the blocking worker and the REST
      // connector wait on the API (a few jobs a second each) and run together.
      List<List<SubmitBenchmark.Variant>> groups =
          List.of(
              List.of(SubmitBenchmark.Variant.PROJECT),
              List.of(SubmitBenchmark.Variant.BLOCKING, SubmitBenchmark.Variant.REST_CONNECTOR));
      Set<String> wanted = variants;
      for (List<SubmitBenchmark.Variant> group : groups) {
        List<SubmitBenchmark.Variant> chosen =
            group.stream().filter(v -> wanted.contains(v.key)).toList();
        if (!chosen.isEmpty()) {
          int submits = jobs;
          int runs = rounds;
          planned.add(
              new Part("submit", chosen.get(0).key, () -> submit(output, chosen, submits, runs)));
        }
      }
    }
    if (parts.contains("generation")) {
      planned.add(new Part("generation", null, () -> generation(output)));
    }
    if (parts.contains("polling")) {
      planned.add(new Part("polling", null, Benchmark::polling));
    }
    if (parts.contains("batch")) {
      planned.add(new Part("batch", null, () -> batch(output)));
    }
    Map<Part, Section> done = new LinkedHashMap<>();
    for (Part part : planned) {
      done.put(part, part.run());
    }

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", machine());
    results.put("api_latency_ms", API_LATENCY.toMillis());
    List<String> table = new ArrayList<>();
    for (String name : List.of("submit", "generation", "polling", "batch")) {
      List<Map.Entry<Part, Section>> sections =
          done.entrySet().stream()
              .filter(e -> e.getKey().name().equals(name))
              .sorted(Comparator.comparingInt(e -> order(e.getKey().variant())))
              .toList();
      if (sections.isEmpty()) {
        continue;
      }
      switch (name) {
        case "submit" ->
            table.add(
                String.format(
                    "%-28s %6s %10s %7s %8s %8s %8s %9s",
                    "submit (" + jobs + " jobs)",
                    "jobs/s",
                    "makespan s",
                    "cpu s",
                    "cpu ms/j",
                    "threads",
                    "p50 ms",
                    "p99 ms"));
        case "generation" ->
            table.add(
                String.format(
                    "%-28s %6s %10s %7s %8s %8s %9s",
                    "generation (" + GenerationBenchmark.GENERATIONS + " videos)",
                    "checks",
                    "makespan s",
                    "cpu s",
                    "threads",
                    "mean s",
                    "ready s"));
        default -> {}
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<Part, Section> section : sections) {
        values.putAll(section.getValue().values());
        table.addAll(section.getValue().lines());
      }
      results.put(name, values);
    }

    Path json = output.resolve("results.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(json.toFile(), results);
    System.out.println();
    System.out.println("Machine: " + results.get("machine"));
    table.forEach(System.out::println);
    System.out.println("Written: " + json);
    System.exit(0);
  }

  /**
   * One measurement: its place in results.json ({@code name}, then {@code variant} when it has
   * one).
   */
  private record Part(String name, String variant, Callable<Section> body) {
    Section run() {
      try {
        return body.call();
      } catch (Exception e) {
        e.printStackTrace();
        String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        Map<String, Object> values = new LinkedHashMap<>();
        String key = variant == null ? name : variant;
        values.put(key, null);
        values.put(key + "_reason", failure);
        return new Section(values, List.of(String.format("%-28s failed: %s", key, failure)));
      }
    }
  }

  /** What a part adds to results.json and to the printed table. */
  private record Section(Map<String, Object> values, List<String> lines) {}

  private static int order(String variant) {
    return variant == null ? 0 : List.of("project", "blocking", "rest_connector").indexOf(variant);
  }

  private static Section submit(
      Path output, List<SubmitBenchmark.Variant> variants, int jobs, int rounds) throws Exception {
    SubmitBenchmark benchmark = new SubmitBenchmark(output, API_LATENCY);
    Map<SubmitBenchmark.Variant, List<SubmitBenchmark.Result>> runs =
        new EnumMap<>(SubmitBenchmark.Variant.class);
    for (int round = 1; round <= rounds; round++) {
      benchmark
          .run(variants, jobs, round)
          .forEach((v, r) -> runs.computeIfAbsent(v, k -> new ArrayList<>()).add(r));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    runs.forEach(
        (variant, results) -> {
          results.sort(Comparator.comparingDouble(SubmitBenchmark.Result::makespanS));
          SubmitBenchmark.Result median = results.get(results.size() / 2);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("jobs", median.jobs());
          r.put("makespan_s", round(median.makespanS()));
          r.put("cpu_s", round(median.cpuS()));
          r.put("peak_threads", median.peakThreads());
          r.put("p50_ms", median.p50Ms());
          r.put("p99_ms", median.p99Ms());
          r.put("jobs_per_s", round(median.jobsPerSecond()));
          values.put(variant.key, r);
          lines.add(
              String.format(
                  "%-28s %6.1f %10.2f %7.2f %8.2f %8d %8d %9d",
                  variant.key,
                  median.jobsPerSecond(),
                  median.makespanS(),
                  median.cpuS(),
                  1000 * median.cpuS() / median.jobs(),
                  median.peakThreads(),
                  median.p50Ms(),
                  median.p99Ms()));
        });
    return new Section(values, lines);
  }

  private static Section generation(Path output) throws Exception {
    Map<GenerationBenchmark.Variant, GenerationBenchmark.Result> results =
        new GenerationBenchmark(output, API_LATENCY).run();
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    results.forEach(
        (variant, g) -> {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("generations", g.generations());
          r.put("makespan_s", round(g.makespanS()));
          r.put("cpu_s", round(g.cpuS()));
          r.put("checks_per_generation", round(g.checksPerGeneration()));
          r.put("peak_threads", g.peakThreads());
          r.put("mean_instance_s", round(g.meanInstanceS()));
          r.put("mean_ready_s", round(g.meanReadyS()));
          r.put("quoted_generation_s", GenerationBenchmark.quoted().toSeconds());
          values.put(variant.key, r);
          lines.add(
              String.format(
                  "%-28s %6.2f %10.2f %7.2f %8d %8.1f %9.1f",
                  variant.key,
                  g.checksPerGeneration(),
                  g.makespanS(),
                  g.cpuS(),
                  g.peakThreads(),
                  g.meanInstanceS(),
                  g.meanReadyS()));
        });
    return new Section(values, lines);
  }

  private static Section polling() {
    Map<String, Object> polling = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-28s %8s %9s %12s", "polling (±50% spread)", "checks", "latency %", "range"));
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
      lines.add(
          String.format(
              "%-28s %8.2f %9.1f   %.1f-%.1f checks, %.1f-%.1f%%",
              policy.getKey(),
              r.checksPerGeneration(),
              r.addedLatencyPct(),
              r.minChecks(),
              r.maxChecks(),
              r.minLatencyPct(),
              r.maxLatencyPct()));
    }
    return new Section(polling, lines);
  }

  private static Section batch(Path output) throws Exception {
    BatchBenchmark.Result batch = new BatchBenchmark(output).run();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("prompts", BatchBenchmark.PROMPTS);
    values.put("max_concurrent", BatchBenchmark.MAX_CONCURRENT);
    values.put("project_makespan_s", round(batch.projectMakespanS()));
    values.put("rounds_makespan_s", round(batch.roundsMakespanS()));
    values.put("ideal_makespan_s", round(batch.idealMakespanS()));
    values.put(
        "generation_time_range_s", List.of(BatchBenchmark.SHORTEST_S, BatchBenchmark.LONGEST_S));
    values.put("lanes_bound_s", round(batch.lanesBoundS()));
    values.put("rounds_bound_s", round(batch.roundsBoundS()));
    return new Section(
        values,
        List.of(
            String.format(
                "batch (30 prompts, 3 at once): bpmn/ %.1f s, rounds %.1f s, ideal %.1f s (bpmn/ %.2fx shorter than rounds,"
                    + " %+.0f%% vs ideal; without overhead: lanes %.1f s, rounds %.1f s)",
                batch.projectMakespanS(),
                batch.roundsMakespanS(),
                batch.idealMakespanS(),
                batch.roundsMakespanS() / batch.projectMakespanS(),
                100 * (batch.projectMakespanS() / batch.idealMakespanS() - 1),
                batch.lanesBoundS(),
                batch.roundsBoundS())));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // Not Linux: the core count and the JDK still say enough.
    }
    long memoryGb =
        ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize()
            >> 30;
    return Runtime.getRuntime().availableProcessors()
        + " cores "
        + cpu
        + ", "
        + memoryGb
        + " GB, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", Java "
        + System.getProperty("java.version");
  }
}

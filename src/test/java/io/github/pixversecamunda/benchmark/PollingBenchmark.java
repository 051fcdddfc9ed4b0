package io.github.pixversecamunda.benchmark;

import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.worker.PollSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The polling policy as a pure computation: for each resolution, duration and audio setting,
 * {@value #SAMPLES} generation times drawn uniformly within ±50% of the expected time; for each,
 * the status checks until one sees the video ready and the delay from ready to that check, as a
 * share of the generation time. The adaptive schedule is followed as the await handler follows it
 * (a check right after the submit asks nothing); the fixed intervals check right after the submit,
 * as a submit → check → timer loop does.
 */
final class PollingBenchmark {

  static final int SAMPLES = 10_000;
  static final double SPREAD = 0.5;

  interface Policy {
    /** Seconds from the submit to each check, in order, until one is at or after {@code ready}. */
    List<Double> checks(Duration expected, double ready);
  }

  record Result(
      double checksPerGeneration,
      double addedLatencyPct,
      double minChecks,
      double maxChecks,
      double minLatencyPct,
      double maxLatencyPct) {}

  static Policy adaptive(PollSchedule schedule) {
    return (expected, ready) -> {
      List<Double> checks = new ArrayList<>();
      double now = 0;
      boolean checked = false;
      while (true) {
        Duration elapsed = Duration.ofMillis(Math.round(now * 1000));
        boolean asks = checked || !schedule.tooEarlyToCheck(expected, elapsed);
        if (asks) {
          checks.add(now);
          checked = true;
          if (now >= ready) {
            return checks;
          }
        }
        now += schedule.next(expected, elapsed, null).toMillis() / 1000.0;
      }
    };
  }

  static Policy fixed(Duration interval) {
    return (expected, ready) -> {
      List<Double> checks = new ArrayList<>();
      double seconds = interval.toMillis() / 1000.0;
      for (double now = 0; ; now += seconds) {
        checks.add(now);
        if (now >= ready) {
          return checks;
        }
      }
    };
  }

  static Result run(Policy policy) {
    double checks = 0;
    double latency = 0;
    int combinations = 0;
    double minChecks = Double.MAX_VALUE,
        maxChecks = 0,
        minLatency = Double.MAX_VALUE,
        maxLatency = 0;
    for (Resolution resolution : Resolution.values()) {
      for (VideoDuration duration : VideoDuration.values()) {
        for (boolean audio : new boolean[] {false, true}) {
          Duration expected = PollSchedule.expectedGenerationTime(resolution, duration, audio);
          SplittableRandom random = new SplittableRandom(42);
          double sumChecks = 0;
          double sumLatency = 0;
          double seconds = expected.toMillis() / 1000.0;
          for (int i = 0; i < SAMPLES; i++) {
            double ready = seconds * (1 - SPREAD + 2 * SPREAD * random.nextDouble());
            List<Double> times = policy.checks(expected, ready);
            sumChecks += times.size();
            sumLatency += (times.get(times.size() - 1) - ready) / ready;
          }
          double meanChecks = sumChecks / SAMPLES;
          double meanLatency = 100 * sumLatency / SAMPLES;
          checks += meanChecks;
          latency += meanLatency;
          minChecks = Math.min(minChecks, meanChecks);
          maxChecks = Math.max(maxChecks, meanChecks);
          minLatency = Math.min(minLatency, meanLatency);
          maxLatency = Math.max(maxLatency, meanLatency);
          combinations++;
        }
      }
    }
    return new Result(
        checks / combinations,
        latency / combinations,
        minChecks,
        maxChecks,
        minLatency,
        maxLatency);
  }
}

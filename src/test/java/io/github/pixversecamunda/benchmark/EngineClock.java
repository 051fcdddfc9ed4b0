package io.github.pixversecamunda.benchmark;

import io.github.pixversecamunda.testing.EngineHarness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Times read from the engine's own records: when instances started and ended, how long jobs were
 * held. The records themselves are read by {@link EngineHarness}, the one class that knows the
 * engine.
 */
final class EngineClock {

  private final EngineHarness engine;

  EngineClock(EngineHarness engine) {
    this.engine = engine;
  }

  /** End time (engine ms) of each of the given process instances that has completed. */
  Map<Long, Long> completedAt(Set<Long> instances) {
    return engine.completedAt(instances);
  }

  /** Start time (engine ms) of each of the given process instances. */
  Map<Long, Long> startedAt(Set<Long> instances) {
    return engine.startedAt(instances);
  }

  /** For each completed job of the type: ms from its activation by a worker to its completion. */
  List<Long> jobHoldTimes(String jobType) {
    return engine.jobHoldTimes(jobType);
  }

  /** Status checks: completed jobs of the type (one per check). */
  long completedJobs(String jobType) {
    return engine.completedJobs(jobType);
  }

  static long percentile(Collection<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}

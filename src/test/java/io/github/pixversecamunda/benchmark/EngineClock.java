package io.github.pixversecamunda.benchmark;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.JobBatchRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Times read from the engine's own records: when instances started and ended, how long jobs were held. */
final class EngineClock {

  private final ZeebeTestEngine engine;

  EngineClock(ZeebeTestEngine engine) {
    this.engine = engine;
  }

  private Iterable<Record<?>> records() {
    return RecordStream.of(engine.getRecordStreamSource()).records();
  }

  /** End time (engine ms) of each of the given process instances that has completed. */
  Map<Long, Long> completedAt(Set<Long> instances) {
    Map<Long, Long> ends = new HashMap<>();
    for (Record<?> r : records()) {
      if (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED && r.getValue() instanceof ProcessInstanceRecordValue v
          && v.getBpmnElementType() == BpmnElementType.PROCESS && instances.contains(v.getProcessInstanceKey())) {
        ends.put(v.getProcessInstanceKey(), r.getTimestamp());
      }
    }
    return ends;
  }

  /** Start time (engine ms) of each of the given process instances. */
  Map<Long, Long> startedAt(Set<Long> instances) {
    Map<Long, Long> starts = new HashMap<>();
    for (Record<?> r : records()) {
      if (r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATING && r.getValue() instanceof ProcessInstanceRecordValue v
          && v.getBpmnElementType() == BpmnElementType.PROCESS && instances.contains(v.getProcessInstanceKey())) {
        starts.putIfAbsent(v.getProcessInstanceKey(), r.getTimestamp());
      }
    }
    return starts;
  }

  /** For each completed job of the type: ms from its activation by a worker to its completion. */
  List<Long> jobHoldTimes(String jobType) {
    Map<Long, Long> activated = new HashMap<>();
    List<Long> held = new ArrayList<>();
    for (Record<?> r : records()) {
      if (r.getIntent() == JobBatchIntent.ACTIVATED && r.getValue() instanceof JobBatchRecordValue batch
          && batch.getType().equals(jobType)) {
        for (Long key : batch.getJobKeys()) {
          activated.put(key, r.getTimestamp());
        }
      } else if (r.getIntent() == JobIntent.COMPLETED && activated.containsKey(r.getKey())) {
        held.add(r.getTimestamp() - activated.get(r.getKey()));
      }
    }
    return held;
  }

  /** Status checks: completed jobs of the type (one per check). */
  long completedJobs(String jobType) {
    long count = 0;
    for (Record<?> r : records()) {
      if (r.getIntent() == JobIntent.COMPLETED
          && r.getValue() instanceof io.camunda.zeebe.protocol.record.value.JobRecordValue job
          && job.getType().equals(jobType)) {
        count++;
      }
    }
    return count;
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

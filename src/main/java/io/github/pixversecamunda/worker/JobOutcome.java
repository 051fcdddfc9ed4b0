package io.github.pixversecamunda.worker;

import java.time.Duration;
import java.util.Map;

/** What a handler decided for one job; {@link JobOutcomeSender} turns it into a Zeebe command. */
public sealed interface JobOutcome {

  /** The job is done; these variables go to the process. */
  record Complete(Map<String, Object> variables) implements JobOutcome {}

  /** A failure the process can act on: a BPMN error for a boundary event. */
  record BpmnError(String code, String message, Map<String, Object> variables)
      implements JobOutcome {}

  /** A transient fault: try again after {@code backoff}, spending one retry. */
  record Retry(String message, int remainingRetries, Duration backoff) implements JobOutcome {}

  /**
   * Not a fault but the account's limit: try again after {@code backoff} with the job's retries
   * unchanged ({@code retries}), and record {@code variables} on the task (what it waits for).
   */
  record Wait(String message, int retries, Duration backoff, Map<String, Object> variables)
      implements JobOutcome {}

  /** Only a person can fix this: raise an incident (retries 0) and do nothing more. */
  record Incident(String message) implements JobOutcome {}
}

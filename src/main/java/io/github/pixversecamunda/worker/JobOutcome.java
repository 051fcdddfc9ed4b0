package io.github.pixversecamunda.worker;

import java.time.Duration;
import java.util.Map;

/** What a handler decided for one job; {@link JobOutcomeSender} turns it into a Zeebe command. */
public sealed interface JobOutcome {

  /**
   * The job is done; these variables go to the process.
   *
   * @param variables the variables to set, e.g. the result under its variable name
   */
  record Complete(Map<String, Object> variables) implements JobOutcome {}

  /**
   * A failure the process can act on: a BPMN error for a boundary event.
   *
   * @param code one of {@link ErrorCodes}, caught by the process's boundary events
   * @param message for Operate and the logs
   * @param variables set with the error ({@value Variables#ERROR})
   */
  record BpmnError(String code, String message, Map<String, Object> variables)
      implements JobOutcome {}

  /**
   * A transient fault: try again after {@code backoff}, spending one retry.
   *
   * @param message why, for Operate and the logs
   * @param remainingRetries the job's retries after this failure
   * @param backoff the wait before the job is handed out again
   */
  record Retry(String message, int remainingRetries, Duration backoff) implements JobOutcome {}

  /**
   * Not a fault but the account's limit: try again after {@code backoff} with the job's retries
   * unchanged ({@code retries}), and record {@code variables} on the task (what it waits for).
   *
   * @param message what the job waits for
   * @param retries the job's retries, unchanged
   * @param backoff the wait before the job is handed out again
   * @param variables set on the task while it waits
   */
  record Wait(String message, int retries, Duration backoff, Map<String, Object> variables)
      implements JobOutcome {}

  /**
   * Only a person can fix this: raise an incident (retries 0) and do nothing more.
   *
   * @param message what a person must do, for Operate
   */
  record Incident(String message) implements JobOutcome {}
}

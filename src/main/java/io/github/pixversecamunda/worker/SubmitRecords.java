package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.github.pixversecamunda.api.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The at-most-once records of a submit task, kept as local variables of its element instance: the
 * attempt ({@value Variables#SUBMIT_ATTEMPT}), written before the POST leaves, and the accepted
 * task ({@value Variables#SUBMITTED_TASK_ID}, {@value Variables#SUBMITTED_AT}), written once the
 * API has accepted.
 *
 * <p>A job sees the variables of every scope merged, so a start variable of the same name would
 * look like a record. The records are therefore read only from the task's own scope: an attempt
 * counts only when it names this element instance, and writing it sets the task id to null in the
 * same scope, which hides any value from outside; a task id counts only beside this task's own
 * attempt. Values from an outer scope are ignored (and logged).
 */
final class SubmitRecords {

  private static final Logger LOG = LoggerFactory.getLogger(SubmitRecords.class);

  /** Waits between the tries of recording an accepted task id; the first try is immediate. */
  static final List<Duration> RECORD_RETRY_DELAYS =
      List.of(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(2));

  static final String STARTED_AT = "startedAt";
  static final String JOB_KEY = "jobKey";
  static final String ELEMENT_INSTANCE_KEY = "elementInstanceKey";

  /** What the task's own scope holds: an earlier attempt (its start time) and an accepted task. */
  record Found(
      boolean attempted,
      @Nullable String attemptStartedAt,
      @Nullable String taskId,
      @Nullable String submittedAt) {}

  private final TaskVariables taskVariables;

  SubmitRecords(TaskVariables taskVariables) {
    this.taskVariables = taskVariables;
  }

  /** The records of this job's task; anything from an outer scope reads as absent. */
  Found read(ActivatedJob job, Map<String, Object> variables) {
    Object attempt = variables.get(Variables.SUBMIT_ATTEMPT);
    String taskId = JobInputs.text(variables.get(Variables.SUBMITTED_TASK_ID));
    boolean own = attempt != null && ownAttempt(job, attempt);
    if (attempt != null && !own) {
      LOG.warn(
          "Job {}: ignoring a variable '{}' that this task did not write (it comes from an outer"
              + " scope)",
          job.getKey(),
          Variables.SUBMIT_ATTEMPT);
    }
    if (taskId != null && !own) {
      LOG.warn(
          "Job {}: ignoring a variable '{}' that is not beside this task's own submit attempt (it"
              + " comes from an outer scope)",
          job.getKey(),
          Variables.SUBMITTED_TASK_ID);
      taskId = null;
    }
    String startedAt =
        own && attempt instanceof Map<?, ?> record && record.get(STARTED_AT) != null
            ? record.get(STARTED_AT).toString()
            : null;
    return new Found(
        own,
        startedAt,
        taskId,
        taskId == null ? null : JobInputs.text(variables.get(Variables.SUBMITTED_AT)));
  }

  private static boolean ownAttempt(ActivatedJob job, Object attempt) {
    if (!(attempt instanceof Map<?, ?> record)) {
      return false;
    }
    Object element = record.get(ELEMENT_INSTANCE_KEY);
    if (element != null) {
      return Objects.equals(number(element), job.getElementInstanceKey());
    }
    // Records written before the element instance was part of them name the job (which keeps its
    // key through retries and redeliveries).
    return Objects.equals(number(record.get(JOB_KEY)), job.getKey());
  }

  private static @Nullable Long number(@Nullable Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? null : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Records the attempt before the POST leaves; the task id is set to null in the same scope, so no
   * value from outside can pose as this task's record later. False when the engine did not confirm.
   */
  CompletionStage<Boolean> recordAttempt(ActivatedJob job, Instant now, OutcomeReporter reporter) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put(STARTED_AT, now.toString());
    record.put(JOB_KEY, job.getKey());
    record.put(ELEMENT_INSTANCE_KEY, job.getElementInstanceKey());
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.SUBMIT_ATTEMPT, record);
    variables.put(Variables.SUBMITTED_TASK_ID, null);
    variables.put(Variables.SUBMITTED_AT, null);
    return taskVariables
        .setLocal(job.getElementInstanceKey(), variables)
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                LOG.warn(
                    "Job {}: could not record the submit attempt: {}",
                    job.getKey(),
                    reporter.redact(String.valueOf(Futures.unwrap(failure).getMessage())));
              }
              return failure == null;
            });
  }

  /**
   * Clears the attempt after a failure that proves no task was created, so that a retry submits. If
   * clearing fails, the retry raises the attempt incident instead: safe.
   */
  CompletionStage<Void> clearAttempt(ActivatedJob job) {
    return taskVariables
        .setLocal(job.getElementInstanceKey(), CLEAR_ATTEMPT)
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                LOG.warn(
                    "Job {}: could not clear the submit attempt; a retry of this task raises an"
                        + " incident instead of submitting",
                    job.getKey());
              }
              return null;
            });
  }

  /** Setting the attempt to null clears it (a variable cannot be removed from a scope). */
  private static final Map<String, Object> CLEAR_ATTEMPT;

  static {
    Map<String, Object> clear = new HashMap<>();
    clear.put(Variables.SUBMIT_ATTEMPT, null);
    CLEAR_ATTEMPT = Collections.unmodifiableMap(clear);
  }

  /**
   * Writes what the task waits for (best effort: it only informs, and feeds the growing wait), so
   * that Operate shows it on the task while the job waits.
   */
  CompletionStage<Void> recordWait(ActivatedJob job, Map<String, Object> variables) {
    return taskVariables
        .setLocal(job.getElementInstanceKey(), variables)
        .handle((ok, failure) -> (Void) null);
  }

  /**
   * Records the accepted task, trying again after each of {@link #RECORD_RETRY_DELAYS}; the last
   * failure, or null once recorded.
   */
  CompletionStage<@Nullable Throwable> recordTask(
      long elementInstanceKey, String taskId, String submittedAt) {
    return record(
        elementInstanceKey,
        Map.of(Variables.SUBMITTED_TASK_ID, taskId, Variables.SUBMITTED_AT, submittedAt),
        0);
  }

  private CompletionStage<@Nullable Throwable> record(
      long elementInstanceKey, Map<String, Object> variables, int tries) {
    return taskVariables
        .setLocal(elementInstanceKey, variables)
        .handle((ok, failure) -> failure == null ? null : Futures.unwrap(failure))
        .thenCompose(
            failure -> {
              if (failure == null || tries >= RECORD_RETRY_DELAYS.size()) {
                return CompletableFuture.completedFuture(failure);
              }
              Executor later =
                  CompletableFuture.delayedExecutor(
                      RECORD_RETRY_DELAYS.get(tries).toMillis(), TimeUnit.MILLISECONDS);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(ignored -> record(elementInstanceKey, variables, tries + 1));
            });
  }

  /** The incident for an attempt whose task id was never recorded. */
  static JobOutcome unrecordedAttempt(@Nullable String startedAt) {
    String when = startedAt == null ? "" : " at " + startedAt;
    return new JobOutcome.Incident(
        "A submit of this task was started"
            + when
            + " but its task id was never"
            + " recorded (the worker stopped, or lost or could not record the answer), so a paid"
            + " PixVerse task may exist. Nothing was submitted now. Check your API in One task"
            + " list: if the task exists, set the local variable '"
            + Variables.SUBMITTED_TASK_ID
            + "' of this task to its id and retry (the job completes with it); if it does not,"
            + " set '"
            + Variables.SUBMIT_ATTEMPT
            + "' to null and retry to submit again.");
  }
}

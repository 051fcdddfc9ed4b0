package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.api.ErrorKind;
import io.github.pixversecamunda.api.Futures;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.SubmittedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job type {@value JobTypes#SUBMIT_VIDEO}: validates the generation, checks the credit budget,
 * submits at most once and completes with the task id. Never blocks a thread on the API.
 *
 * <p>Every accepted POST is a paid video, so the worker keeps two records in the task's own scope
 * (its element instance), where any later job of the same task finds them:
 *
 * <ol>
 *   <li>before the POST leaves, the attempt ({@value Variables#SUBMIT_ATTEMPT}); if it cannot be
 *       recorded, nothing is sent and the job is retried;
 *   <li>once the API has accepted, the task id ({@value Variables#SUBMITTED_TASK_ID}), written
 *       again a few times if the engine does not confirm it, before the job completes.
 * </ol>
 *
 * A job that finds the task id completes with that task. A job that finds an attempt without a task
 * id (the worker died, lost the answer or could not record it) does not submit again: it raises an
 * incident, and a person decides. At most once with a human decision beats a silent double charge.
 * Failures that prove no task was created clear the attempt before the job fails. The records are
 * read only from the task's own scope ({@link SubmitRecords}).
 *
 * <p>A refusal for the account's limits (the plan's generations at once, or the rate) is not a
 * fault: the job waits and tries again without spending a retry ({@link JobOutcome.Wait}), with a
 * growing, jittered wait that honours a capped {@code Retry-After}, and records what it waits for
 * in {@value Variables#SUBMIT_WAIT}. The process's deadline bounds the waiting. While the API says
 * "wait", this replica sends no submit at all ({@link
 * io.github.pixversecamunda.api.AccountLimitBackoff}).
 */
public final class SubmitVideoHandler implements AsyncJobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SubmitVideoHandler.class);

  private final PixverseClient api;
  private final SubmitRecords records;
  private final OutcomeReporter reporter;
  private final Clock clock;

  /**
   * A handler that keeps its records on the task through the Camunda client and sends its outcomes
   * to Zeebe.
   *
   * @param api the client that submits
   * @param camunda writes the at-most-once records into the task's scope
   * @param events hears of accepted submits, waits and failures (metrics)
   */
  public SubmitVideoHandler(PixverseClient api, CamundaClient camunda, WorkerEvents events) {
    this(api, TaskVariables.of(camunda), JobOutcomeSender.ZEEBE, Clock.systemUTC(), events);
  }

  /** The test seam: the task's variables, the outcome sender and the clock are the caller's. */
  SubmitVideoHandler(
      PixverseClient api,
      TaskVariables taskVariables,
      JobOutcomeSender sender,
      Clock clock,
      WorkerEvents events) {
    this.api = api;
    this.records = new SubmitRecords(taskVariables);
    this.reporter = new OutcomeReporter(api.config(), sender, events);
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> handleAsync(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    String resultVariable = JobInputs.resultVariable(job, Variables.DEFAULT_SUBMIT_RESULT);
    SubmitRecords.Found found = records.read(job, variables);
    String earlierTask = found.taskId();
    if (earlierTask != null) {
      // A redelivery of a job whose submit was already accepted: finish with that task, even when
      // the inputs no longer check out (they were fine when it was paid for).
      JobMdc.taskId(earlierTask);
      LOG.info(
          "Job {} already submitted PixVerse task {}; completing without a new submit",
          job.getKey(),
          earlierTask);
      SubmitInput earlier;
      try {
        earlier = SubmitInput.read(variables);
      } catch (InvalidInputException e) {
        earlier = null;
      }
      return reporter.send(
          client,
          job,
          new JobOutcome.Complete(
              Map.of(
                  resultVariable,
                  result(
                      earlier,
                      earlierTask,
                      "SUBMITTED",
                      found.submittedAt() == null
                          ? clock.instant().toString()
                          : found.submittedAt(),
                      true))));
    }
    SubmitInput prepared;
    try {
      prepared = SubmitInput.read(variables);
    } catch (InvalidInputException e) {
      return reporter.send(client, job, Outcomes.invalidInput(e, null));
    }
    if (found.attempted()) {
      JobOutcome incident = SubmitRecords.unrecordedAttempt(found.attemptStartedAt());
      reporter
          .events()
          .failed(WorkerEvents.Phase.SUBMIT, WorkerEvents.ATTEMPT_UNRECORDED, incident);
      return reporter.send(client, job, incident);
    }
    int estimate = prepared.request().estimatedCredits();
    if (prepared.maxCredits() != null && estimate > prepared.maxCredits()) {
      return reporter.send(
          client,
          job,
          Outcomes.bpmnError(
              ErrorCodes.BUDGET_EXCEEDED,
              "The estimated cost of "
                  + estimate
                  + " credits exceeds the budget of "
                  + prepared.maxCredits()
                  + " credits (maxCredits); nothing was submitted",
              null));
    }
    if (api.accountLimits().pausedFor().compareTo(Duration.ZERO) > 0) {
      // The API asked this replica to wait moments ago: not even the attempt is recorded.
      JobOutcome.Wait wait = waitForLimit(job, variables, null);
      return records
          .recordWait(job, wait.variables())
          .thenCompose(ignored -> reporter.send(client, job, wait));
    }
    return records
        .recordAttempt(job, clock.instant(), reporter)
        .thenCompose(
            recorded -> {
              if (!recorded) {
                return records
                    .clearAttempt(job)
                    .thenCompose(
                        ignored ->
                            reporter.send(
                                client,
                                job,
                                Outcomes.retry(
                                    job,
                                    "Could not record the submit attempt on the task before sending it; nothing was submitted",
                                    null)));
              }
              return api.submitAsync(prepared.request(), sendBy(job))
                  .handle(
                      JobMdc.within(
                          job,
                          (task, failure) ->
                              failure == null
                                  ? accepted(job, prepared, task, resultVariable)
                                  : rejected(job, variables, Futures.unwrap(failure))))
                  .thenCompose(outcome -> outcome)
                  .thenCompose(outcome -> reporter.send(client, job, outcome));
            })
        .exceptionallyCompose(
            unexpected -> {
              // A fault of this worker's own (not the API's) after the attempt was recorded: the
              // POST may have left, so the safe outcome is the one for an unknown outcome.
              LOG.error("Job {}: unexpected failure while submitting", job.getKey(), unexpected);
              return reporter.send(
                  client,
                  job,
                  outcomeUnknown(
                      "Unexpected failure in the submit worker: "
                          + reporter.redact(String.valueOf(Futures.unwrap(unexpected)))));
            });
  }

  /**
   * The account's limit said "not yet" (or this replica holds its submits back after such a
   * refusal): wait and try again without spending a retry. {@code refusal} is null when nothing was
   * sent.
   */
  private JobOutcome.Wait waitForLimit(
      ActivatedJob job, Map<String, Object> variables, @Nullable PixverseApiException refusal) {
    SubmitWait previous =
        Results.fromVariable(variables.get(Variables.SUBMIT_WAIT), SubmitWait.class);
    boolean refusedNow = refusal != null && refusal.httpStatus() != 0;
    int refusals = (previous == null ? 0 : previous.refusals()) + (refusedNow ? 1 : 0);
    int waits = (previous == null ? 0 : previous.waits()) + 1;
    Duration wait =
        api.accountLimits()
            .waitBeforeRetry(
                Math.max(1, refusals), refusal == null ? null : refusal.retryAfter().orElse(null));
    wait = Duration.ofMillis(Math.max(wait.toMillis(), 1));
    ErrorKind kind = refusal == null ? api.accountLimits().lastKind() : refusal.kind();
    String reason = kind.name().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    String because =
        refusedNow && refusal != null
            ? "the API refused the submit for the account's "
                + (kind == ErrorKind.CONCURRENCY_LIMITED
                    ? "limit of generations at once"
                    : "rate limit")
                + " ("
                + refusal.getMessage()
                + ")"
            : "this replica holds its submits back after the API refused one for the account's"
                + " limits";
    String message =
        "Waiting for the account's limit: "
            + because
            + "; no task was created. Trying again in "
            + Duration.ofMillis(wait.toMillis())
            + " without spending a retry (wait "
            + waits
            + ", "
            + refusals
            + " refusals so far); the process's deadline ends the waiting.";
    SubmitWait record =
        new SubmitWait(
            reason,
            refusals,
            waits,
            previous == null || previous.since() == null ? now.toString() : previous.since(),
            now.plus(wait).toString(),
            refusal == null ? null : refusal.apiMessage());
    reporter.events().submitWaited(reason, wait, refusedNow);
    return new JobOutcome.Wait(
        message,
        Math.max(1, job.getRetries()),
        wait,
        Map.of(Variables.SUBMIT_WAIT, Results.toVariable(record)));
  }

  /**
   * The last moment the POST may leave: the job's deadline less the request timeout. After that the
   * engine may hand the job to another worker, which must find either the task id or nothing sent.
   */
  private @Nullable Instant sendBy(ActivatedJob job) {
    return job.getDeadline() <= 0
        ? null
        : Instant.ofEpochMilli(job.getDeadline()).minus(api.config().requestTimeout());
  }

  /**
   * The submit failed. A refusal for the account's limits waits; a failure that proves no task was
   * created clears the attempt record, so that a retry submits. If removing it fails, the retry
   * raises the attempt incident instead: safe.
   */
  private CompletionStage<JobOutcome> rejected(
      ActivatedJob job, Map<String, Object> variables, Throwable failure) {
    if (failure instanceof PixverseApiException e && e.kind().isAccountLimit()) {
      return records
          .clearAttempt(job)
          .thenCompose(
              ignored -> {
                JobOutcome.Wait wait = waitForLimit(job, variables, e);
                return records.recordWait(job, wait.variables()).thenApply(done -> wait);
              });
    }
    JobOutcome outcome =
        reporter.failed(WorkerEvents.Phase.SUBMIT, failure, onFailure(job, failure));
    boolean mayExist =
        !(failure instanceof PixverseApiException e) || e.kind().mayHaveCreatedTask();
    if (mayExist || outcome instanceof JobOutcome.BpmnError) {
      return CompletableFuture.completedFuture(outcome);
    }
    return records.clearAttempt(job).thenApply(ignored -> outcome);
  }

  private CompletionStage<JobOutcome> accepted(
      ActivatedJob job, SubmitInput prepared, SubmittedTask task, String resultVariable) {
    JobMdc.taskId(task.taskId());
    reporter.events().submitAccepted(prepared.request());
    LOG.info(
        "Job {}: PixVerse task {} submitted ({} credits estimated)",
        job.getKey(),
        task.taskId(),
        prepared.request().estimatedCredits());
    String submittedAt = clock.instant().toString();
    return records
        .recordTask(job.getElementInstanceKey(), task.taskId(), submittedAt)
        .handle(
            JobMdc.within(
                job,
                (failure, ignored) -> {
                  JobMdc.taskId(task.taskId());
                  if (failure == null) {
                    return new JobOutcome.Complete(
                        Map.of(
                            resultVariable,
                            result(prepared, task.taskId(), task.rawStatus(), submittedAt, false)));
                  }
                  LOG.error(
                      "Job {}: PixVerse task {} was accepted (and is paid) but its id could not be recorded on the task",
                      job.getKey(),
                      task.taskId());
                  JobOutcome incident =
                      new JobOutcome.Incident(
                          "PixVerse task "
                              + task.taskId()
                              + " was accepted (and is paid), but"
                              + " recording its id on this task failed "
                              + (SubmitRecords.RECORD_RETRY_DELAYS.size() + 1)
                              + " times ("
                              + reporter.redact(String.valueOf(failure.getMessage()))
                              + "). Make sure the local variable '"
                              + Variables.SUBMITTED_TASK_ID
                              + "' of this task is \""
                              + task.taskId()
                              + "\" (set it in Operate if it"
                              + " is missing), then retry: the job completes with that task and nothing is submitted again.");
                  reporter
                      .events()
                      .failed(WorkerEvents.Phase.SUBMIT, WorkerEvents.TASK_ID_UNRECORDED, incident);
                  return incident;
                }));
  }

  private JobOutcome onFailure(ActivatedJob job, Throwable failure) {
    if (!(failure instanceof PixverseApiException e)) {
      // Unknown territory after the request may have left: treat like an unknown outcome.
      return outcomeUnknown(reporter.redact(String.valueOf(failure)));
    }
    return switch (e.kind()) {
      case INVALID_REQUEST -> Outcomes.bpmnError(ErrorCodes.INVALID_REQUEST, e.getMessage(), null);
      case INSUFFICIENT_CREDITS ->
          Outcomes.bpmnError(ErrorCodes.INSUFFICIENT_CREDITS, e.getMessage(), null);
      case AUTHENTICATION ->
          new JobOutcome.Incident(
              e.getMessage()
                  + ". The API key was rejected: fix pixverse.api-key in the worker's configuration, then retry;"
                  + " nothing was submitted.");
      case NOT_FOUND ->
          new JobOutcome.Incident(
              e.getMessage()
                  + ". The submit endpoint was not found: check pixverse.base-url, then retry; nothing was submitted.");
      // Limits wait before they get here (see rejected); listed for completeness.
      case RATE_LIMITED, CONCURRENCY_LIMITED, SERVER_ERROR, CONNECTION_FAILED ->
          Outcomes.retry(job, e.getMessage() + "; no task was created", e);
      case OUTCOME_UNKNOWN, MALFORMED_RESPONSE -> outcomeUnknown(e.getMessage());
    };
  }

  private static JobOutcome outcomeUnknown(String what) {
    return new JobOutcome.Incident(
        what
            + ". A paid task may exist. Check your API in One task list before doing anything:"
            + " if the task exists, set the local variable '"
            + Variables.SUBMITTED_TASK_ID
            + "' on this task to its id and retry (the job then completes with it);"
            + " if it does not, set '"
            + Variables.SUBMIT_ATTEMPT
            + "' to null and retry to submit again."
            + " A retry without either raises this incident again and submits nothing.");
  }

  /**
   * The submit result; {@code prepared} is null for a recorded task whose inputs no longer check
   * out.
   */
  private Map<String, Object> result(
      @Nullable SubmitInput prepared,
      String taskId,
      @Nullable String status,
      String submittedAt,
      boolean resumed) {
    if (prepared == null) {
      return Results.toVariable(
          new SubmitResult(taskId, status, null, null, submittedAt, resumed, null));
    }
    return Results.toVariable(
        new SubmitResult(
            taskId,
            status,
            prepared.mode().value(),
            prepared.request().estimatedCredits(),
            submittedAt,
            resumed,
            prepared.parameters()));
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.api.Futures;
import io.github.pixversecamunda.api.GenerationField;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.TaskState;
import io.github.pixversecamunda.api.TaskStatus;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.api.Violation;
import io.github.pixversecamunda.api.WireValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Job type {@value JobTypes#AWAIT_TASK}: makes one status check of a task and completes with its
 * state and {@code nextPollIn}, the ISO-8601 wait for the BPMN timer before the next check. The
 * waiting itself is modelled in the process, where everyone can see it.
 *
 * <p>The first check of a task submitted moments ago (the processes check right after the submit)
 * asks nothing: the generation cannot be finished yet, so it answers {@code RUNNING} with the wait
 * until the first check worth making ({@link PollSchedule#tooEarlyToCheck}) and counts no check.
 */
public final class AwaitTaskHandler implements AsyncJobHandler {

  private final PixverseClient api;
  private final OutcomeReporter reporter;
  private final PollSchedule schedule;
  private final Clock clock;

  /**
   * A handler that sends its outcomes to Zeebe and reads the system clock.
   *
   * @param api the client that checks the task
   * @param schedule when to check next
   * @param events hears of completed and failed generations (metrics)
   */
  public AwaitTaskHandler(PixverseClient api, PollSchedule schedule, WorkerEvents events) {
    this(api, schedule, JobOutcomeSender.ZEEBE, Clock.systemUTC(), events);
  }

  /** The test seam: the outcome sender and the clock are the caller's. */
  AwaitTaskHandler(
      PixverseClient api,
      PollSchedule schedule,
      JobOutcomeSender sender,
      Clock clock,
      WorkerEvents events) {
    this.api = api;
    this.schedule = schedule;
    this.reporter = new OutcomeReporter(api.config(), sender, events);
    this.clock = clock;
  }

  /**
   * What the handler knows before it asks the API. {@code submittedAt} is null when the submit
   * result was not mapped in, so the generation time is unknown; {@code justSubmitted} when the
   * task was submitted moments ago and never checked.
   */
  private record Context(
      String taskId,
      String resultVariable,
      int checks,
      Instant since,
      Duration expected,
      Resolution resolution,
      VideoDuration duration,
      @Nullable Instant submittedAt,
      boolean justSubmitted) {}

  @Override
  public CompletionStage<Void> handleAsync(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Context context;
    try {
      context = context(job, variables);
    } catch (InvalidInputException e) {
      return reporter.send(client, job, Outcomes.invalidInput(e, null));
    }
    JobMdc.taskId(context.taskId());
    if (context.justSubmitted()
        && schedule.tooEarlyToCheck(
            context.expected(), Duration.between(context.since(), clock.instant()))) {
      Context notChecked =
          new Context(
              context.taskId(),
              context.resultVariable(),
              context.checks() - 1,
              context.since(),
              context.expected(),
              context.resolution(),
              context.duration(),
              context.submittedAt(),
              true);
      return reporter.send(
          client,
          job,
          new JobOutcome.Complete(
              Map.of(
                  context.resultVariable(),
                  Results.toVariable(result(notChecked, TaskState.RUNNING, null, null)))));
    }
    return api.statusAsync(context.taskId())
        .handle(
            JobMdc.within(
                job,
                (status, failure) -> {
                  JobMdc.taskId(context.taskId());
                  JobOutcome outcome;
                  if (failure == null) {
                    outcome = onStatus(context, status);
                  } else {
                    Throwable cause = Futures.unwrap(failure);
                    outcome =
                        reporter.failed(
                            WorkerEvents.Phase.AWAIT, cause, onFailure(job, context, cause));
                  }
                  return reporter.send(client, job, outcome);
                }))
        .thenCompose(sent -> sent)
        .exceptionallyCompose(
            unexpected -> reporter.retryUnexpected(client, job, "await", unexpected));
  }

  private JobOutcome onStatus(Context context, TaskStatus status) {
    AwaitResult result = result(context, status.state(), status.rawStatus(), null);
    switch (status.state()) {
      case COMPLETED -> {
        // Completed but no URL where we look: keep the answer so someone can find it.
        result =
            result.withFindings(
                status.videoUrl(),
                null,
                status.videoUrl() == null ? status.rawAnswer() : null,
                null);
        reporter
            .events()
            .generationCompleted(
                context.resolution(),
                context.duration(),
                context.checks(),
                context.submittedAt() == null
                    ? null
                    : Duration.between(context.submittedAt(), clock.instant()));
        return new JobOutcome.Complete(
            Map.of(context.resultVariable(), Results.toVariable(result)));
      }
      case FAILED -> {
        String code =
            status.contentRejected() ? ErrorCodes.CONTENT_REJECTED : ErrorCodes.GENERATION_FAILED;
        String message =
            (status.contentRejected()
                    ? "PixVerse rejected the content of task "
                    : "PixVerse generation failed for task ")
                + context.taskId()
                + ": "
                + status.failureReason();
        result = result.withFindings(null, status.failureReason(), null, null);
        Map<String, Object> error = Outcomes.errorVariable(code, message, context.taskId(), null);
        error.put("reason", status.failureReason());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(context.resultVariable(), Results.toVariable(result));
        // The error last: a result variable named like it must not hide the error.
        variables.put(Variables.ERROR, error);
        JobOutcome outcome = new JobOutcome.BpmnError(code, message, variables);
        reporter
            .events()
            .failed(
                WorkerEvents.Phase.GENERATION,
                code.replaceFirst("^PIXVERSE_", "").toLowerCase(java.util.Locale.ROOT),
                outcome);
        return outcome;
      }
      default -> {
        return new JobOutcome.Complete(
            Map.of(context.resultVariable(), Results.toVariable(result)));
      }
    }
  }

  private JobOutcome onFailure(ActivatedJob job, Context context, Throwable failure) {
    String taskId = context.taskId();
    if (failure instanceof InvalidInputException e) {
      return Outcomes.invalidInput(e, taskId);
    }
    if (!(failure instanceof PixverseApiException e)) {
      return Outcomes.retry(
          job,
          "Unexpected failure checking PixVerse task "
              + taskId
              + ": "
              + reporter.redact(String.valueOf(failure)),
          null);
    }
    String stillRunning = "; the task may still be running (and billed) server-side";
    return switch (e.kind()) {
      case NOT_FOUND -> Outcomes.bpmnError(ErrorCodes.TASK_NOT_FOUND, e.getMessage(), taskId);
      case INVALID_REQUEST ->
          Outcomes.bpmnError(ErrorCodes.INVALID_REQUEST, e.getMessage(), taskId);
      case INSUFFICIENT_CREDITS ->
          Outcomes.bpmnError(ErrorCodes.INSUFFICIENT_CREDITS, e.getMessage(), taskId);
      case AUTHENTICATION ->
          new JobOutcome.Incident(
              e.getMessage()
                  + ". The API key was rejected: fix pixverse.api-key in the worker's configuration, then retry"
                  + stillRunning
                  + ".");
      // Rate limiting is not a fault of the task: wait as long as the API asked, without spending a
      // retry.
      case RATE_LIMITED, CONCURRENCY_LIMITED -> {
        AwaitResult result =
            result(context, TaskState.RUNNING, null, e.retryAfter().orElse(null))
                .withFindings(null, null, null, e.getMessage());
        yield new JobOutcome.Complete(Map.of(context.resultVariable(), Results.toVariable(result)));
      }
      // A status check changes nothing server-side, so every other fault is safe to retry.
      case SERVER_ERROR, CONNECTION_FAILED, OUTCOME_UNKNOWN, MALFORMED_RESPONSE ->
          Outcomes.retry(job, e.getMessage() + stillRunning, e);
    };
  }

  private AwaitResult result(
      Context context, TaskState state, @Nullable String rawStatus, @Nullable Duration retryAfter) {
    Instant now = clock.instant();
    String nextPollIn = null;
    if (!state.isFinal()) {
      Duration elapsed = Duration.between(context.since(), now);
      nextPollIn =
          schedule
              .next(context.expected(), elapsed.isNegative() ? Duration.ZERO : elapsed, retryAfter)
              .toString();
    }
    return new AwaitResult(
        context.taskId(),
        state.name(),
        rawStatus,
        context.checks(),
        context.since().toString(),
        now.toString(),
        nextPollIn,
        null,
        null,
        null,
        null);
  }

  private Context context(ActivatedJob job, Map<String, Object> variables) {
    String resultVariable = JobInputs.resultVariable(job, Variables.DEFAULT_AWAIT_RESULT);
    SubmitResult submission =
        Results.fromVariable(variables.get(Variables.SUBMISSION), SubmitResult.class);
    AwaitResult previous =
        Results.fromVariable(variables.get(Variables.PREVIOUS_STATUS), AwaitResult.class);
    String taskId = JobInputs.text(variables.get(Variables.TASK_ID));
    if (taskId == null && submission != null) {
      taskId = JobInputs.text(submission.taskId());
    }
    if (taskId == null) {
      throw new InvalidInputException(
          List.of(
              new Violation(
                  Variables.TASK_ID,
                  "must not be empty (map it from the submit result, e.g. =pixverse.taskId)")));
    }

    // Checks and the waiting time carry on from the previous check of the same task only.
    var earlier = previous != null && taskId.equals(previous.taskId()) ? previous : null;
    boolean sameTask = earlier != null;
    int checks = 1 + (earlier != null ? earlier.checks() : 0);
    Instant submittedAt = submission == null ? null : instant(submission.submittedAt());
    Instant since = submittedAt;
    if (since == null && earlier != null) {
      since = instant(earlier.firstCheckedAt());
    }

    if (since == null) {
      since = clock.instant();
    }

    Map<String, Object> parameters =
        submission == null || submission.parameters() == null ? Map.of() : submission.parameters();
    Resolution resolution =
        WireValue.parse(
                Resolution.class,
                String.valueOf(parameters.get(GenerationField.RESOLUTION.variable())))
            .orElse(Resolution.DEFAULT);
    // FEEL hands whole numbers back as 5.0: read the duration as a whole number first.
    VideoDuration duration =
        GenerationInput.wholeNumber(parameters.get(GenerationField.DURATION.variable()))
            .flatMap(seconds -> WireValue.parse(VideoDuration.class, Long.toString(seconds)))
            .orElse(VideoDuration.DEFAULT);
    boolean audio = Boolean.TRUE.equals(parameters.get(GenerationField.GENERATE_AUDIO.variable()));
    // Only a task known to be fresh (its submit time given, never checked) may skip a check.
    boolean justSubmitted = submittedAt != null && !sameTask;
    return new Context(
        taskId,
        resultVariable,
        checks,
        since,
        PollSchedule.expectedGenerationTime(resolution, duration, audio),
        resolution,
        duration,
        submittedAt,
        justSubmitted);
  }

  private static @Nullable Instant instant(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.toString());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

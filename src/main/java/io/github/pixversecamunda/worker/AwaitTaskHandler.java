package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
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

/**
 * Job type {@value JobTypes#AWAIT_TASK}: checks a task once and completes with its state and
 * {@code nextPollIn}, the ISO-8601 wait for the BPMN timer before the next check. The waiting
 * itself is modelled in the process, where everyone can see it.
 */
public final class AwaitTaskHandler implements JobHandler {

  private final PixverseClient api;
  private final JobSupport support;
  private final PollSchedule schedule;
  private final Clock clock;

  public AwaitTaskHandler(PixverseClient api, PollSchedule schedule) {
    this(api, schedule, JobOutcomeSender.ZEEBE, Clock.systemUTC());
  }

  public AwaitTaskHandler(PixverseClient api, PollSchedule schedule, JobOutcomeSender sender, Clock clock) {
    this.api = api;
    this.schedule = schedule;
    this.support = new JobSupport(api.config(), sender);
    this.clock = clock;
  }

  /** What the handler knows before it asks the API. */
  private record Context(String taskId, String resultVariable, int checks, Instant since, Duration expected) {
  }

  @Override
  public void handle(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Context context;
    try {
      context = context(job, variables);
    } catch (InvalidInputException e) {
      support.send(client, job, JobSupport.invalidInput(e, null));
      return;
    }
    api.statusAsync(context.taskId()).whenComplete((status, failure) -> {
      JobOutcome outcome = failure == null ? onStatus(context, status)
          : onFailure(job, context, PixverseClient.unwrap(failure));
      support.send(client, job, outcome);
    });
  }

  private JobOutcome onStatus(Context context, TaskStatus status) {
    Map<String, Object> result = result(context, status.state(), status.rawStatus(), null);
    switch (status.state()) {
      case COMPLETED -> {
        if (status.videoUrl() != null) {
          result.put("videoUrl", status.videoUrl());
        } else {
          // Completed but no URL where we look: keep the answer so someone can find it.
          result.put("rawAnswer", status.rawAnswer());
        }
        return new JobOutcome.Complete(Map.of(context.resultVariable(), result));
      }
      case FAILED -> {
        String code = status.contentRejected() ? ErrorCodes.CONTENT_REJECTED : ErrorCodes.GENERATION_FAILED;
        String message = (status.contentRejected() ? "PixVerse rejected the content of task "
            : "PixVerse generation failed for task ") + context.taskId() + ": " + status.failureReason();
        result.put("failureReason", status.failureReason());
        Map<String, Object> error = JobSupport.errorVariable(code, message, context.taskId(), null);
        error.put("reason", status.failureReason());
        return new JobOutcome.BpmnError(code, message,
            Map.of(Variables.ERROR, error, context.resultVariable(), result));
      }
      default -> {
        return new JobOutcome.Complete(Map.of(context.resultVariable(), result));
      }
    }
  }

  private JobOutcome onFailure(ActivatedJob job, Context context, Throwable failure) {
    String taskId = context.taskId();
    if (failure instanceof InvalidInputException e) {
      return JobSupport.invalidInput(e, taskId);
    }
    if (!(failure instanceof PixverseApiException e)) {
      return JobSupport.retry(job, "Unexpected failure checking PixVerse task " + taskId + ": "
          + support.redact(String.valueOf(failure)), null);
    }
    String stillRunning = "; the task may still be running (and billed) server-side";
    return switch (e.kind()) {
      case NOT_FOUND -> JobSupport.bpmnError(ErrorCodes.TASK_NOT_FOUND, e.getMessage(), taskId);
      case INVALID_REQUEST -> JobSupport.bpmnError(ErrorCodes.INVALID_REQUEST, e.getMessage(), taskId);
      case INSUFFICIENT_CREDITS -> JobSupport.bpmnError(ErrorCodes.INSUFFICIENT_CREDITS, e.getMessage(), taskId);
      case AUTHENTICATION -> new JobOutcome.Incident(e.getMessage()
          + ". The API key was rejected: fix pixverse.api-key in the worker's configuration, then retry"
          + stillRunning + ".");
      // Rate limiting is not a fault of the task: wait as long as the API asked, without spending a retry.
      case RATE_LIMITED -> {
        Map<String, Object> result = result(context, TaskState.RUNNING, null, e.retryAfter().orElse(null));
        result.put("lastError", e.getMessage());
        yield new JobOutcome.Complete(Map.of(context.resultVariable(), result));
      }
      // A status check changes nothing server-side, so every other fault is safe to retry.
      case SERVER_ERROR, CONNECTION_FAILED, OUTCOME_UNKNOWN, MALFORMED_RESPONSE ->
          JobSupport.retry(job, e.getMessage() + stillRunning, e);
    };
  }

  private Map<String, Object> result(Context context, TaskState state, String rawStatus, Duration retryAfter) {
    Instant now = clock.instant();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("taskId", context.taskId());
    result.put("state", state.name());
    if (rawStatus != null) {
      result.put("status", rawStatus);
    }
    result.put("checks", context.checks());
    result.put("firstCheckedAt", context.since().toString());
    result.put("checkedAt", now.toString());
    if (!state.isFinal()) {
      Duration elapsed = Duration.between(context.since(), now);
      result.put("nextPollIn", schedule.next(context.expected(), elapsed.isNegative() ? Duration.ZERO : elapsed,
          retryAfter).toString());
    }
    return result;
  }

  private Context context(ActivatedJob job, Map<String, Object> variables) {
    String resultVariable = JobSupport.resultVariable(job, Variables.DEFAULT_AWAIT_RESULT);
    Map<?, ?> submission = variables.get(Variables.SUBMISSION) instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> previous = variables.get(Variables.PREVIOUS_STATUS) instanceof Map<?, ?> m ? m : Map.of();
    String taskId = JobSupport.text(variables.get(Variables.TASK_ID));
    if (taskId == null) {
      taskId = JobSupport.text(submission.get("taskId"));
    }
    if (taskId == null) {
      throw new InvalidInputException(List.of(new Violation(Variables.TASK_ID,
          "must not be empty (map it from the submit result, e.g. =pixverse.taskId)")));
    }

    // Checks and the waiting time carry on from the previous check of the same task only.
    boolean sameTask = taskId.equals(String.valueOf(previous.get("taskId")));
    int checks = 1 + (sameTask && previous.get("checks") instanceof Number n ? n.intValue() : 0);
    Instant since = instant(submission.get("submittedAt"));
    if (since == null && sameTask) {
      since = instant(previous.get("firstCheckedAt"));
    }
    if (since == null) {
      since = clock.instant();
    }

    Map<?, ?> parameters = submission.get("parameters") instanceof Map<?, ?> p ? p : Map.of();
    Resolution resolution = WireValue.parse(Resolution.class,
        String.valueOf(parameters.get(GenerationInput.RESOLUTION))).orElse(Resolution.DEFAULT);
    VideoDuration duration = WireValue.parse(VideoDuration.class,
        String.valueOf(parameters.get(GenerationInput.DURATION)).replaceAll("\\.0+$", ""))
        .orElse(VideoDuration.DEFAULT);
    boolean audio = Boolean.TRUE.equals(parameters.get(GenerationInput.GENERATE_AUDIO));
    return new Context(taskId, resultVariable, checks, since,
        PollSchedule.expectedGenerationTime(resolution, duration, audio));
  }

  private static Instant instant(Object value) {
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

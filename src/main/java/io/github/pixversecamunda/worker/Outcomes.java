package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.Violation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes the handlers decide on, built one way: every BPMN error carries {@value
 * Variables#ERROR}, every retry says how many are left and what to do when none are.
 */
final class Outcomes {

  private Outcomes() {}

  static Map<String, Object> errorVariable(
      String code, String message, @Nullable String taskId, @Nullable List<Violation> violations) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (taskId != null) {
      error.put("taskId", taskId);
    }
    if (violations != null && !violations.isEmpty()) {
      error.put(
          "violations",
          violations.stream()
              .map(v -> Map.of("field", v.field(), "message", v.message()))
              .toList());
    }
    return error;
  }

  static JobOutcome invalidInput(InvalidInputException e, @Nullable String taskId) {
    // With a task id the task was submitted (and paid) earlier: "no credit spent" would be false.
    String message =
        taskId == null
            ? e.getMessage()
            : "Invalid PixVerse input for task "
                + taskId
                + " (nothing was sent now; the task was submitted earlier and stays paid): "
                + e.violations().stream()
                    .map(Violation::toString)
                    .collect(Collectors.joining("; "));
    return new JobOutcome.BpmnError(
        ErrorCodes.INVALID_INPUT,
        message,
        Map.of(
            Variables.ERROR,
            errorVariable(ErrorCodes.INVALID_INPUT, message, taskId, e.violations())));
  }

  static JobOutcome bpmnError(String code, String message, @Nullable String taskId) {
    return new JobOutcome.BpmnError(
        code, message, Map.of(Variables.ERROR, errorVariable(code, message, taskId, null)));
  }

  /** A transient fault: retry after the API's Retry-After or the task's backoff. */
  static JobOutcome retry(ActivatedJob job, String message, @Nullable PixverseApiException e) {
    Duration backoff =
        e == null
            ? JobInputs.retryBackoff(job)
            : e.retryAfter().orElse(JobInputs.retryBackoff(job));
    int remaining = Math.max(0, job.getRetries() - 1);
    return new JobOutcome.Retry(
        message
            + (remaining == 0
                ? " (no retries left: raise the job's retries in"
                    + " Operate once the cause is gone)"
                : " (retrying in " + backoff + ", " + remaining + " retries left)"),
        remaining,
        backoff);
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.SubmittedTask;
import io.github.pixversecamunda.api.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job type {@value JobTypes#SUBMIT_VIDEO}: validates the generation, checks the credit budget,
 * submits once and completes with the task id. Never blocks a thread on the API.
 *
 * <p>No credit is spent twice: the accepted task id is stored on the task's element instance
 * (local variable {@value Variables#SUBMITTED_TASK_ID}) before the job completes, and a job that
 * finds it completes with that task instead of submitting again. A submit whose outcome is unknown
 * raises an incident rather than a retry.
 */
public final class SubmitVideoHandler implements JobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SubmitVideoHandler.class);
  public static final String MODE_TEXT = "text";
  public static final String MODE_IMAGE = "image";

  private final PixverseClient api;
  private final CamundaClient camunda;
  private final JobSupport support;
  private final Clock clock;

  public SubmitVideoHandler(PixverseClient api, CamundaClient camunda) {
    this(api, camunda, JobOutcomeSender.ZEEBE, Clock.systemUTC());
  }

  public SubmitVideoHandler(PixverseClient api, CamundaClient camunda, JobOutcomeSender sender, Clock clock) {
    this.api = api;
    this.camunda = camunda;
    this.support = new JobSupport(api.config(), sender);
    this.clock = clock;
  }

  /** The checked inputs of one submit job: the generation, the mode (text or image) and the budget. */
  public record Prepared(GenerationRequest request, String mode, Integer maxCredits) {
  }

  @Override
  public void handle(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    String resultVariable = JobSupport.resultVariable(job, Variables.DEFAULT_SUBMIT_RESULT);
    Object earlierTask = variables.get(Variables.SUBMITTED_TASK_ID);
    Prepared prepared;
    try {
      prepared = prepare(variables);
    } catch (InvalidInputException e) {
      support.send(client, job, JobSupport.invalidInput(e, earlierTask == null ? null : earlierTask.toString()));
      return;
    }
    if (earlierTask != null && !earlierTask.toString().isBlank()) {
      // A redelivery of a job whose submit was already accepted: finish with that task.
      LOG.info("Job {} already submitted PixVerse task {}; completing without a new submit",
          job.getKey(), earlierTask);
      Object submittedAt = variables.get(Variables.SUBMITTED_AT);
      support.send(client, job, new JobOutcome.Complete(Map.of(resultVariable, result(prepared,
          earlierTask.toString(), "SUBMITTED", submittedAt == null ? clock.instant().toString() : submittedAt.toString(),
          true))));
      return;
    }
    int estimate = prepared.request().estimatedCredits();
    if (prepared.maxCredits() != null && estimate > prepared.maxCredits()) {
      support.send(client, job, JobSupport.bpmnError(ErrorCodes.BUDGET_EXCEEDED,
          "The estimated cost of " + estimate + " credits exceeds the budget of " + prepared.maxCredits()
              + " credits (maxCredits); nothing was submitted", null));
      return;
    }
    api.submitAsync(prepared.request()).whenComplete((task, failure) -> {
      if (failure != null) {
        support.send(client, job, onFailure(job, PixverseClient.unwrap(failure)));
      } else {
        accepted(client, job, prepared, task, resultVariable);
      }
    });
  }

  private void accepted(JobClient client, ActivatedJob job, Prepared prepared, SubmittedTask task,
      String resultVariable) {
    LOG.info("Job {}: PixVerse task {} submitted ({} credits estimated)", job.getKey(), task.taskId(),
        prepared.request().estimatedCredits());
    String submittedAt = clock.instant().toString();
    JobOutcome complete = new JobOutcome.Complete(Map.of(resultVariable,
        result(prepared, task.taskId(), task.rawStatus(), submittedAt, false)));
    camunda.newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of(Variables.SUBMITTED_TASK_ID, task.taskId(), Variables.SUBMITTED_AT, submittedAt))
        .local(true)
        .send()
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            LOG.warn("Job {}: could not record PixVerse task {} on the element instance before completing;"
                + " completing anyway", job.getKey(), task.taskId());
          }
          support.send(client, job, complete);
        });
  }

  private JobOutcome onFailure(ActivatedJob job, Throwable failure) {
    if (!(failure instanceof PixverseApiException e)) {
      return JobSupport.retry(job, "Unexpected failure before the submit was accepted: "
          + support.redact(String.valueOf(failure)), null);
    }
    return switch (e.kind()) {
      case INVALID_REQUEST -> JobSupport.bpmnError(ErrorCodes.INVALID_REQUEST, e.getMessage(), null);
      case INSUFFICIENT_CREDITS -> JobSupport.bpmnError(ErrorCodes.INSUFFICIENT_CREDITS, e.getMessage(), null);
      case AUTHENTICATION -> new JobOutcome.Incident(e.getMessage()
          + ". The API key was rejected: fix pixverse.api-key in the worker's configuration, then retry;"
          + " nothing was submitted.");
      case NOT_FOUND -> new JobOutcome.Incident(e.getMessage()
          + ". The submit endpoint was not found: check pixverse.base-url; nothing was submitted.");
      case RATE_LIMITED, SERVER_ERROR, CONNECTION_FAILED ->
          JobSupport.retry(job, e.getMessage() + "; no task was created", e);
      case OUTCOME_UNKNOWN, MALFORMED_RESPONSE -> new JobOutcome.Incident(e.getMessage()
          + ". A paid task may exist. Check your API in One task list before doing anything:"
          + " if the task exists, set the local variable '" + Variables.SUBMITTED_TASK_ID
          + "' on this task to its id and retry (the job then completes with it);"
          + " retrying without it submits, and pays, again.");
    };
  }

  /** Checks every input (the generation, the mode and the budget) and reports all problems at once. */
  public static Prepared prepare(Map<String, Object> variables) {
    List<Violation> problems = new ArrayList<>();
    Map<String, Object> values = new HashMap<>(variables);
    String mode = JobSupport.text(variables.get(Variables.MODE));
    if (mode == null) {
      mode = JobSupport.text(variables.get(GenerationInput.IMAGE_URL)) == null ? MODE_TEXT : MODE_IMAGE;
    } else {
      mode = mode.toLowerCase(Locale.ROOT);
    }
    if (mode.equals(MODE_TEXT)) {
      values.remove(GenerationInput.IMAGE_URL);
    } else if (mode.equals(MODE_IMAGE)) {
      if (JobSupport.text(variables.get(GenerationInput.IMAGE_URL)) == null) {
        problems.add(new Violation(GenerationInput.IMAGE_URL, "is required when mode is image"));
      }
    } else {
      problems.add(new Violation(Variables.MODE,
          "'" + mode + "' is not allowed; allowed values: " + MODE_TEXT + ", " + MODE_IMAGE));
    }

    Integer maxCredits = null;
    Object budget = variables.get(Variables.MAX_CREDITS);
    if (JobSupport.text(budget) != null) {
      Optional<Long> credits = GenerationInput.wholeNumber(budget).filter(n -> n >= 0);
      if (credits.isPresent()) {
        maxCredits = (int) Math.min(credits.get(), Integer.MAX_VALUE);
      } else {
        problems.add(new Violation(Variables.MAX_CREDITS,
            "'" + budget + "' is not allowed; allowed values: a whole number of credits, 0 or more"));
      }
    }

    GenerationRequest request = null;
    try {
      request = GenerationInput.fromMap(values).validate();
    } catch (InvalidInputException e) {
      problems.addAll(0, e.violations());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Prepared(request, mode, maxCredits);
  }

  private Map<String, Object> result(Prepared prepared, String taskId, String status, String submittedAt,
      boolean resumed) {
    GenerationRequest request = prepared.request();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("model", GenerationRequest.MODEL);
    parameters.put(GenerationInput.PROMPT, request.prompt());
    putIfPresent(parameters, GenerationInput.NEGATIVE_PROMPT, request.negativePrompt());
    putIfPresent(parameters, GenerationInput.IMAGE_URL, request.imageUrl() == null ? null : request.imageUrl().toString());
    parameters.put(GenerationInput.RESOLUTION, request.resolution().wire());
    parameters.put(GenerationInput.DURATION, request.duration().seconds());
    putIfPresent(parameters, GenerationInput.ASPECT_RATIO,
        request.aspectRatio() == null ? null : request.aspectRatio().wire());
    parameters.put(GenerationInput.GENERATE_AUDIO, request.generateAudio());
    parameters.put(GenerationInput.THINKING_TYPE, request.thinkingType().wire());
    putIfPresent(parameters, GenerationInput.SEED, request.seed());

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("taskId", taskId);
    putIfPresent(result, "status", status);
    result.put("mode", prepared.mode());
    result.put("estimatedCredits", request.estimatedCredits());
    result.put("submittedAt", submittedAt);
    result.put("resumed", resumed);
    result.put("parameters", parameters);
    return result;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}

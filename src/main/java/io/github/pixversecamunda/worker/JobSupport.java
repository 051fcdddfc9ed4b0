package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.Violation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the handlers share: headers, error variables, redaction and sending outcomes. */
final class JobSupport {

  static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(JobSupport.class);

  private final PixverseClientConfig config;
  private final JobOutcomeSender sender;
  private final WorkerEvents events;

  JobSupport(PixverseClientConfig config, JobOutcomeSender sender, WorkerEvents events) {
    this.config = config;
    this.sender = sender;
    this.events = failSafe(events);
  }

  /** Events feed metrics: a failing listener must never change what happens to a job. */
  private static WorkerEvents failSafe(WorkerEvents events) {
    return new WorkerEvents() {
      @Override
      public void submitAccepted(io.github.pixversecamunda.api.GenerationRequest request) {
        quietly(() -> events.submitAccepted(request));
      }

      @Override
      public void generationCompleted(
          io.github.pixversecamunda.api.Resolution resolution,
          io.github.pixversecamunda.api.VideoDuration duration,
          int statusChecks,
          Duration sinceSubmit) {
        quietly(() -> events.generationCompleted(resolution, duration, statusChecks, sinceSubmit));
      }

      @Override
      public void failed(Phase phase, String kind, JobOutcome outcome) {
        quietly(() -> events.failed(phase, kind, outcome));
      }

      @Override
      public void submitWaited(String reason, Duration wait, boolean refused) {
        quietly(() -> events.submitWaited(reason, wait, refused));
      }

      @Override
      public void downloaded(long bytes, Duration took, boolean reused) {
        quietly(() -> events.downloaded(bytes, took, reused));
      }
    };
  }

  private static void quietly(Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      LOG.warn("A worker event listener failed: {}", e.toString());
    }
  }

  WorkerEvents events() {
    return events;
  }

  /** Reports a failure of {@code phase} to the events and hands its outcome on unchanged. */
  JobOutcome failed(WorkerEvents.Phase phase, Throwable failure, JobOutcome outcome) {
    events.failed(phase, WorkerEvents.kindOf(failure), outcome);
    return outcome;
  }

  static String resultVariable(ActivatedJob job, String fallback) {
    String name = job.getCustomHeaders().get(Variables.RESULT_VARIABLE_HEADER);
    return name == null || name.isBlank() ? fallback : name.trim();
  }

  static Duration retryBackoff(ActivatedJob job) {
    String text = job.getCustomHeaders().get(Variables.RETRY_BACKOFF_HEADER);
    if (text == null || text.isBlank()) {
      return DEFAULT_RETRY_BACKOFF;
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      return DEFAULT_RETRY_BACKOFF;
    }
  }

  /** Blank means absent: template fields left empty arrive as empty strings. */
  static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  static Map<String, Object> errorVariable(
      String code, String message, String taskId, List<Violation> violations) {
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

  static JobOutcome invalidInput(InvalidInputException e, String taskId) {
    // With a task id the task was submitted (and paid) earlier: "no credit spent" would be false.
    String message =
        taskId == null
            ? e.getMessage()
            : "Invalid PixVerse input for task "
                + taskId
                + " (nothing was sent now; the task was submitted earlier and stays paid): "
                + e.violations().stream()
                    .map(Violation::toString)
                    .collect(java.util.stream.Collectors.joining("; "));
    return new JobOutcome.BpmnError(
        ErrorCodes.INVALID_INPUT,
        message,
        Map.of(
            Variables.ERROR,
            errorVariable(ErrorCodes.INVALID_INPUT, message, taskId, e.violations())));
  }

  static JobOutcome bpmnError(String code, String message, String taskId) {
    return new JobOutcome.BpmnError(
        code, message, Map.of(Variables.ERROR, errorVariable(code, message, taskId, null)));
  }

  /** A transient fault: retry after the API's Retry-After or the task's backoff. */
  static JobOutcome retry(ActivatedJob job, String message, PixverseApiException e) {
    Duration backoff = e == null ? retryBackoff(job) : e.retryAfter().orElse(retryBackoff(job));
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

  /**
   * Redacts and sends. The stage completes once the engine has answered (or the command failed); a
   * lost command is logged, and Zeebe redelivers the job after its timeout.
   */
  CompletionStage<Void> send(JobClient client, ActivatedJob job, JobOutcome outcome) {
    JobOutcome safe = redact(outcome);
    if (!(safe instanceof JobOutcome.Complete)) {
      LOG.info(
          "Job {} ({}) of process instance {}: {}",
          job.getKey(),
          job.getType(),
          job.getProcessInstanceKey(),
          describe(safe));
    }
    try {
      return sender
          .send(client, job, safe)
          .handle(
              (ok, failure) -> {
                if (failure != null) {
                  LOG.warn(
                      "Could not report the outcome of job {} ({}): {}",
                      job.getKey(),
                      job.getType(),
                      config.redact(String.valueOf(PixverseClient.unwrap(failure).getMessage())));
                }
                return null;
              });
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not report the outcome of job {} ({}): {}",
          job.getKey(),
          job.getType(),
          config.redact(String.valueOf(e.getMessage())));
      return CompletableFuture.completedFuture(null);
    }
  }

  String redact(String text) {
    return config.redact(text);
  }

  /**
   * Every text an outcome carries, its variables included (raw answers, failure reasons), with the
   * key redacted, control characters kept out of messages and every string cut to a size the engine
   * records: a variable is shown to everyone in Operate, and a 20 MB answer copied into one would
   * fail every completion of the job.
   */
  private JobOutcome redact(JobOutcome outcome) {
    if (outcome instanceof JobOutcome.Complete c) {
      return new JobOutcome.Complete(safeVariables(c.variables()));
    }
    if (outcome instanceof JobOutcome.BpmnError e) {
      return new JobOutcome.BpmnError(e.code(), message(e.message()), safeVariables(e.variables()));
    }
    if (outcome instanceof JobOutcome.Retry r) {
      return new JobOutcome.Retry(message(r.message()), r.remainingRetries(), r.backoff());
    }
    if (outcome instanceof JobOutcome.Wait w) {
      return new JobOutcome.Wait(
          message(w.message()), w.retries(), w.backoff(), safeVariables(w.variables()));
    }
    JobOutcome.Incident i = (JobOutcome.Incident) outcome;
    return new JobOutcome.Incident(message(i.message()));
  }

  /** The most characters of one message (an incident, a job's error message). */
  static final int MESSAGE_LIMIT = 4 * 1024;

  /** The most characters of one text inside a variable; a raw answer is cut before that. */
  static final int VARIABLE_TEXT_LIMIT = 16 * 1024;

  private String message(String text) {
    String safe = io.github.pixversecamunda.api.WireFormat.printable(redact(text));
    return cut(safe, MESSAGE_LIMIT);
  }

  private static String cut(String text, int limit) {
    if (text == null || text.length() <= limit) {
      return text;
    }
    return text.substring(0, limit) + "... (truncated: " + text.length() + " characters in all)";
  }

  private Map<String, Object> safeVariables(Map<String, Object> variables) {
    if (variables == null) {
      return null;
    }
    Map<String, Object> safe = new LinkedHashMap<>();
    variables.forEach((name, value) -> safe.put(name, safeValue(value)));
    return safe;
  }

  private Object safeValue(Object value) {
    if (value instanceof String text) {
      return cut(redact(text), VARIABLE_TEXT_LIMIT);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> safe = new LinkedHashMap<>();
      map.forEach((key, inner) -> safe.put(String.valueOf(key), safeValue(inner)));
      return safe;
    }
    if (value instanceof java.util.Collection<?> list) {
      return list.stream().map(this::safeValue).toList();
    }
    return value;
  }

  private static String describe(JobOutcome outcome) {
    if (outcome instanceof JobOutcome.BpmnError e) {
      return "BPMN error " + e.code() + ": " + e.message();
    }
    if (outcome instanceof JobOutcome.Retry r) {
      return "retry: " + r.message();
    }
    if (outcome instanceof JobOutcome.Wait w) {
      return "wait: " + w.message();
    }
    return "incident: " + ((JobOutcome.Incident) outcome).message();
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.api.Futures;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.WireFormat;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a handler's outcome safely: redacted and bounded first (nothing the workers write may carry
 * the key, and nothing may outgrow what the engine records), logged unless it is a completion, and
 * never thrown at the caller (a lost command is logged; Zeebe redelivers the job after its
 * timeout). It also hands the handlers their fail-safe events.
 */
final class OutcomeReporter {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeReporter.class);

  private final PixverseClientConfig config;
  private final JobOutcomeSender sender;
  private final WorkerEvents events;

  OutcomeReporter(PixverseClientConfig config, JobOutcomeSender sender, WorkerEvents events) {
    this.config = config;
    this.sender = sender;
    this.events = new FailSafeWorkerEvents(events);
  }

  WorkerEvents events() {
    return events;
  }

  /**
   * The last step of every handler chain: a fault that nothing else handled becomes a retry, so no
   * job waits silently for its timeout.
   */
  CompletionStage<Void> retryUnexpected(
      JobClient client, ActivatedJob job, String worker, Throwable unexpected) {
    return send(
        client,
        job,
        Outcomes.retry(
            job,
            "Unexpected failure in the "
                + worker
                + " worker: "
                + redact(String.valueOf(Futures.unwrap(unexpected))),
            null));
  }

  /** Reports a failure of {@code phase} to the events and hands its outcome on unchanged. */
  JobOutcome failed(WorkerEvents.Phase phase, Throwable failure, JobOutcome outcome) {
    events.failed(phase, WorkerEvents.kindOf(failure), outcome);
    return outcome;
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
                      config.redact(String.valueOf(Futures.unwrap(failure).getMessage())));
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
    String safe = WireFormat.printable(redact(text));
    return cut(safe, MESSAGE_LIMIT);
  }

  private static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    return text.substring(0, limit) + "... (truncated: " + text.length() + " characters in all)";
  }

  private Map<String, Object> safeVariables(Map<String, Object> variables) {
    Map<String, Object> safe = new LinkedHashMap<>();
    variables.forEach((name, value) -> safe.put(name, safeValue(value)));
    return safe;
  }

  private @Nullable Object safeValue(@Nullable Object value) {
    if (value instanceof String text) {
      return cut(redact(text), VARIABLE_TEXT_LIMIT);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> safe = new LinkedHashMap<>();
      map.forEach((key, inner) -> safe.put(String.valueOf(key), safeValue(inner)));
      return safe;
    }
    if (value instanceof Collection<?> list) {
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

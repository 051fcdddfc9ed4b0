package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobHandler;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the job being handled into the logging MDC, so every line written while handling it carries
 * the process instance key, job key, element id and job type (and the PixVerse task id once known);
 * structured logging ({@code logging.structured.format.console=ecs}) emits them as fields.
 *
 * <p>The MDC belongs to a thread. The handlers answer on API and gRPC threads, so each callback is
 * wrapped with {@link #within} and every scope restores what the thread had before: a pooled thread
 * never carries one job's keys into the next piece of work.
 */
public final class JobMdc {

  /** MDC key: the job's process instance. */
  public static final String PROCESS_INSTANCE_KEY = "processInstanceKey";

  /** MDC key: the id of the job's process. */
  public static final String BPMN_PROCESS_ID = "bpmnProcessId";

  /** MDC key: the BPMN element (service task) of the job. */
  public static final String ELEMENT_ID = "elementId";

  /** MDC key: the job. */
  public static final String JOB_KEY = "jobKey";

  /** MDC key: the job type. */
  public static final String JOB_TYPE = "jobType";

  /** MDC key: the PixVerse task, once known (printable, at most 200 characters). */
  public static final String TASK_ID = "pixverseTaskId";

  private JobMdc() {}

  /**
   * The handler, with the job's keys in the MDC while it runs.
   *
   * @param handler the handler to wrap
   * @return a handler that runs with the job's keys in the MDC
   */
  public static JobHandler correlated(JobHandler handler) {
    return (client, job) -> {
      try (Scope ignored = open(job)) {
        handler.handle(client, job);
      }
    };
  }

  /**
   * A stage's {@code handle} callback that runs with the job's keys in the MDC of whichever thread
   * completes the call, and returns what comes next.
   *
   * @param <T> the call's result
   * @param <R> what the callback returns
   * @param job the job whose keys the callback logs with
   * @param callback what runs when the call completes
   * @return the callback, run within the job's MDC scope
   */
  public static <T, R> BiFunction<T, Throwable, R> within(
      ActivatedJob job, BiFunction<T, Throwable, R> callback) {
    return (value, failure) -> {
      try (Scope ignored = open(job)) {
        return callback.apply(value, failure);
      }
    };
  }

  /**
   * Adds the PixVerse task id to the current scope (ignored when null).
   *
   * @param taskId the PixVerse task, or null
   */
  public static void taskId(@Nullable String taskId) {
    if (taskId != null) {
      // A task id read from a variable may hold anything: one log line must stay one line.
      String printable = io.github.pixversecamunda.api.WireFormat.printable(taskId);
      MDC.put(TASK_ID, printable.length() > 200 ? printable.substring(0, 200) : printable);
    }
  }

  /**
   * Puts the job's keys; closing the scope restores the thread's MDC as it was.
   *
   * @param job the job whose keys go into the MDC
   * @return the scope to close
   */
  public static Scope open(ActivatedJob job) {
    Scope scope = new Scope(MDC.getCopyOfContextMap());
    MDC.put(PROCESS_INSTANCE_KEY, Long.toString(job.getProcessInstanceKey()));
    MDC.put(BPMN_PROCESS_ID, job.getBpmnProcessId());
    MDC.put(ELEMENT_ID, job.getElementId());
    MDC.put(JOB_KEY, Long.toString(job.getKey()));
    MDC.put(JOB_TYPE, job.getType());
    return scope;
  }

  /** What the thread's MDC held before a job's keys went in. */
  public static final class Scope implements AutoCloseable {
    private final Map<String, String> previous;

    private Scope(Map<String, String> previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }
}

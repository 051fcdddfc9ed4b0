package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours the task header {@value Variables#JOB_TIMEOUT_HEADER} (an ISO-8601 duration): a designer
 * who expects a task to take longer than the worker's job timeout (a large download over a slow
 * link) sets it on that task, and the job's timeout is changed as soon as it is activated, so the
 * engine does not hand the job to another worker while this one is still busy with it.
 */
public final class TaskJobTimeout {

  private static final Logger LOG = LoggerFactory.getLogger(TaskJobTimeout.class);
  private static final Duration SHORTEST = Duration.ofSeconds(10);

  private TaskJobTimeout() {}

  /**
   * Wraps a handler: applies the header, or ends the job with an invalid-input error when it is not
   * a duration.
   *
   * @param camunda sends the timeout update
   * @param handler the handler that does the job's work
   * @return the wrapped handler
   */
  public static AsyncJobHandler honour(CamundaClient camunda, AsyncJobHandler handler) {
    return (JobClient client, ActivatedJob job) -> {
      String text = JobInputs.text(job.getCustomHeaders().get(Variables.JOB_TIMEOUT_HEADER));
      if (text == null) {
        return handler.handleAsync(client, job);
      }
      Duration timeout;
      try {
        timeout = Duration.parse(text);
      } catch (DateTimeParseException e) {
        timeout = null;
      }
      if (timeout == null || timeout.compareTo(SHORTEST) < 0) {
        String message =
            "The task header "
                + Variables.JOB_TIMEOUT_HEADER
                + " is '"
                + text
                + "'; allowed values: an ISO-8601 duration of at least PT10S, e.g. PT45M; nothing was done";
        return JobOutcomeSender.ZEEBE
            .send(
                client,
                job,
                new JobOutcome.BpmnError(
                    ErrorCodes.INVALID_INPUT,
                    message,
                    Map.of(
                        Variables.ERROR,
                        Outcomes.errorVariable(ErrorCodes.INVALID_INPUT, message, null, null))))
            .handle((ok, failure) -> (Void) null);
      }
      Duration requested = timeout;
      camunda
          .newUpdateTimeoutCommand(job.getKey())
          .timeout(requested)
          .send()
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  LOG.warn(
                      "Job {}: could not set its timeout to {} ({}); it keeps the worker's timeout",
                      job.getKey(),
                      requested,
                      failure.getMessage());
                }
              });
      return handler.handleAsync(client, job);
    };
  }
}

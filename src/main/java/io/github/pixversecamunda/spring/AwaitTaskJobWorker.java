package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.Variables;

/**
 * The await worker as a Camunda Spring job worker; override with
 * {@code camunda.client.worker.override.pixverse-await-task.*}.
 */
public class AwaitTaskJobWorker {

  private final JobHandler handler;

  /** {@code handler} as built by the auto-configuration: the AwaitTaskHandler, with the job in the MDC. */
  public AwaitTaskJobWorker(JobHandler handler) {
    this.handler = handler;
  }

  @JobWorker(type = JobTypes.AWAIT_TASK, autoComplete = false, timeout = 300_000,
      fetchVariables = {Variables.TASK_ID, Variables.SUBMISSION, Variables.PREVIOUS_STATUS})
  public void awaitTask(JobClient client, ActivatedJob job) throws Exception {
    handler.handle(client, job);
  }
}

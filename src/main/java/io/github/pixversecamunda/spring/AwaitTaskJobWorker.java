package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.worker.JobTypes;

/**
 * The await worker as a Camunda Spring job worker. Its timeout and fetch list come from {@code
 * PixverseWorkers.AWAIT} (see {@link PixverseJobWorkerCustomizer}); type, timeout, concurrency and
 * more can be overridden the standard way: {@code
 * camunda.client.worker.override.pixverse-await-task.*}.
 */
public class AwaitTaskJobWorker {

  private final JobHandler handler;

  /**
   * {@code handler} as prepared by {@code PixverseWorkers.prepare}: the AwaitTaskHandler, counted
   * and correlated.
   *
   * @param handler the prepared handler
   */
  public AwaitTaskJobWorker(JobHandler handler) {
    this.handler = handler;
  }

  /**
   * Hands the job to the handler, which sends its outcome itself (one status check; never
   * auto-completed).
   *
   * @param client the client that completes or fails the job
   * @param job the activated job
   * @throws Exception as the handler throws it
   */
  @JobWorker(type = JobTypes.AWAIT_TASK, autoComplete = false)
  public void awaitTask(JobClient client, ActivatedJob job) throws Exception {
    handler.handle(client, job);
  }
}

package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.worker.JobTypes;

/**
 * The submit worker as a Camunda Spring job worker. Its timeout and fetch list come from {@code
 * PixverseWorkers.SUBMIT} (see {@link PixverseJobWorkerCustomizer}); type, timeout, concurrency and
 * more can be overridden the standard way: {@code
 * camunda.client.worker.override.pixverse-submit-video.*}.
 */
public class SubmitVideoJobWorker {

  private final JobHandler handler;

  /**
   * {@code handler} as prepared by {@code PixverseWorkers.prepare}: the SubmitVideoHandler, counted
   * and correlated.
   *
   * @param handler the prepared handler
   */
  public SubmitVideoJobWorker(JobHandler handler) {
    this.handler = handler;
  }

  /**
   * Hands the job to the handler, which sends its outcome itself (one submit; never
   * auto-completed).
   *
   * @param client the client that completes or fails the job
   * @param job the activated job
   * @throws Exception as the handler throws it
   */
  @JobWorker(type = JobTypes.SUBMIT_VIDEO, autoComplete = false)
  public void submitVideo(JobClient client, ActivatedJob job) throws Exception {
    handler.handle(client, job);
  }
}

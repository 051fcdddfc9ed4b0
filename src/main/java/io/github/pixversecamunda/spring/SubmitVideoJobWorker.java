package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.worker.AsyncJobHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.JobTypes;

/**
 * The submit worker as a Camunda Spring job worker. Its type, timeout, concurrency and more can be
 * overridden the standard way: {@code camunda.client.worker.override.pixverse-submit-video.*}.
 */
public class SubmitVideoJobWorker {

  private final AsyncJobHandler handler;
  private final InFlightJobs inFlight;

  public SubmitVideoJobWorker(AsyncJobHandler handler, InFlightJobs inFlight) {
    this.handler = handler;
    this.inFlight = inFlight;
  }

  @JobWorker(type = JobTypes.SUBMIT_VIDEO, autoComplete = false)
  public void submitVideo(JobClient client, ActivatedJob job) {
    inFlight.run(handler, client, job);
  }
}

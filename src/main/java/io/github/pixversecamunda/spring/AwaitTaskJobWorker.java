package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.worker.AsyncJobHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.JobTypes;

/**
 * The await worker as a Camunda Spring job worker; override with
 * {@code camunda.client.worker.override.pixverse-await-task.*}.
 */
public class AwaitTaskJobWorker {

  private final AsyncJobHandler handler;
  private final InFlightJobs inFlight;

  public AwaitTaskJobWorker(AsyncJobHandler handler, InFlightJobs inFlight) {
    this.handler = handler;
    this.inFlight = inFlight;
  }

  @JobWorker(type = JobTypes.AWAIT_TASK, autoComplete = false)
  public void awaitTask(JobClient client, ActivatedJob job) {
    inFlight.run(handler, client, job);
  }
}

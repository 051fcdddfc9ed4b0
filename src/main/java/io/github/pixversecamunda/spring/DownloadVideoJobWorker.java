package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.worker.AsyncJobHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.JobTypes;

/**
 * The download worker as a Camunda Spring job worker; override with
 * {@code camunda.client.worker.override.pixverse-download-video.*}.
 */
public class DownloadVideoJobWorker {

  private final AsyncJobHandler handler;
  private final InFlightJobs inFlight;

  public DownloadVideoJobWorker(AsyncJobHandler handler, InFlightJobs inFlight) {
    this.handler = handler;
    this.inFlight = inFlight;
  }

  @JobWorker(type = JobTypes.DOWNLOAD_VIDEO, autoComplete = false)
  public void downloadVideo(JobClient client, ActivatedJob job) {
    inFlight.run(handler, client, job);
  }
}

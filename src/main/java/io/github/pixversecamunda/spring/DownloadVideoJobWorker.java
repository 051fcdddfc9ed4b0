package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.worker.DownloadVideoHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.Variables;

/**
 * The download worker as a Camunda Spring job worker; override with
 * {@code camunda.client.worker.override.pixverse-download-video.*}.
 */
public class DownloadVideoJobWorker {

  private final DownloadVideoHandler handler;
  private final InFlightJobs inFlight;

  public DownloadVideoJobWorker(DownloadVideoHandler handler, InFlightJobs inFlight) {
    this.handler = handler;
    this.inFlight = inFlight;
  }

  @JobWorker(type = JobTypes.DOWNLOAD_VIDEO, autoComplete = false, timeout = 1_800_000,
      fetchVariables = {Variables.VIDEO_URL, Variables.TASK_ID, Variables.FILE_NAME, Variables.OVERWRITE})
  public void downloadVideo(JobClient client, ActivatedJob job) {
    inFlight.run(handler, client, job);
  }
}

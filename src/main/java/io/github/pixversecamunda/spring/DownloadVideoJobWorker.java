package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.Variables;

/**
 * The download worker as a Camunda Spring job worker; override with
 * {@code camunda.client.worker.override.pixverse-download-video.*}.
 */
public class DownloadVideoJobWorker {

  private final JobHandler handler;

  /** {@code handler} as built by the auto-configuration: the DownloadVideoHandler, with the job in the MDC. */
  public DownloadVideoJobWorker(JobHandler handler) {
    this.handler = handler;
  }

  @JobWorker(type = JobTypes.DOWNLOAD_VIDEO, autoComplete = false, timeout = 1_800_000,
      fetchVariables = {Variables.VIDEO_URL, Variables.TASK_ID, Variables.FILE_NAME, Variables.OVERWRITE})
  public void downloadVideo(JobClient client, ActivatedJob job) throws Exception {
    handler.handle(client, job);
  }
}

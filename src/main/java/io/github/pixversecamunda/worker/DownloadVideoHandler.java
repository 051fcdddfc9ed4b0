package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadException;
import io.github.pixversecamunda.download.StoredVideo;
import io.github.pixversecamunda.download.VideoDownloader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Job type {@value JobTypes#DOWNLOAD_VIDEO}: keeps the finished video in the worker's storage
 * directory (result URLs expire) and hands the process a durable reference with its checksum.
 */
public final class DownloadVideoHandler implements JobHandler {

  private final VideoDownloader downloader;
  private final JobSupport support;

  public DownloadVideoHandler(VideoDownloader downloader, PixverseClientConfig apiConfig) {
    this(downloader, apiConfig, JobOutcomeSender.ZEEBE);
  }

  public DownloadVideoHandler(VideoDownloader downloader, PixverseClientConfig apiConfig, JobOutcomeSender sender) {
    this.downloader = downloader;
    this.support = new JobSupport(apiConfig, sender);
  }

  @Override
  public void handle(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    String resultVariable = JobSupport.resultVariable(job, Variables.DEFAULT_DOWNLOAD_RESULT);
    String url = JobSupport.text(variables.get(Variables.VIDEO_URL));
    String taskId = JobSupport.text(variables.get(Variables.TASK_ID));
    String fileName = JobSupport.text(variables.get(Variables.FILE_NAME));
    boolean overwrite = "true".equalsIgnoreCase(JobSupport.text(variables.get(Variables.OVERWRITE)));
    downloader.downloadAsync(url, fileName, taskId, overwrite).whenComplete((stored, failure) -> {
      JobOutcome outcome = failure == null
          ? new JobOutcome.Complete(Map.of(resultVariable, result(stored)))
          : onFailure(job, PixverseClient.unwrap(failure), taskId);
      support.send(client, job, outcome);
    });
  }

  private static JobOutcome onFailure(ActivatedJob job, Throwable failure, String taskId) {
    if (!(failure instanceof DownloadException e)) {
      return JobSupport.retry(job, "Unexpected download failure: " + failure, null);
    }
    String forTask = taskId == null ? "" : " (task " + taskId + ")";
    return switch (e.kind()) {
      case EXPIRED -> JobSupport.bpmnError(ErrorCodes.VIDEO_EXPIRED, e.getMessage() + forTask, taskId);
      case REFUSED -> JobSupport.bpmnError(ErrorCodes.DOWNLOAD_REFUSED, e.getMessage() + forTask, taskId);
      case EXISTS -> JobSupport.bpmnError(ErrorCodes.FILE_EXISTS, e.getMessage() + forTask, taskId);
      case INVALID_NAME -> JobSupport.bpmnError(ErrorCodes.INVALID_INPUT, e.getMessage() + forTask, taskId);
      case TRANSIENT -> JobSupport.retry(job, e.getMessage() + forTask + "; no partial file was kept", null);
      case STORAGE -> new JobOutcome.Incident(e.getMessage() + forTask
          + ". Fix the storage (pixverse.download.directory), then retry the job.");
    };
  }

  private static Map<String, Object> result(StoredVideo stored) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("path", stored.path());
    result.put("fileName", stored.fileName());
    result.put("sizeBytes", stored.sizeBytes());
    result.put("sha256", stored.sha256());
    result.put("contentType", stored.contentType());
    result.put("sourceUrl", stored.sourceUrl());
    result.put("reused", stored.reused());
    return result;
  }
}

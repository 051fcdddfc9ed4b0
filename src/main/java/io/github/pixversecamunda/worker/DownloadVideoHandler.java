package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.github.pixversecamunda.api.Futures;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadException;
import io.github.pixversecamunda.download.StoredVideo;
import io.github.pixversecamunda.download.VideoDownloader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Job type {@value JobTypes#DOWNLOAD_VIDEO}: keeps the finished video in the worker's store (a
 * directory, S3 or Camunda's document store; result URLs expire) under the object key the process
 * chose ({@value Variables#OBJECT_KEY}, or the older {@value Variables#FILE_NAME}), and hands the
 * process a durable reference with its checksum.
 */
public final class DownloadVideoHandler implements AsyncJobHandler {

  private final VideoDownloader downloader;
  private final OutcomeReporter reporter;

  /**
   * A handler that sends its outcomes to Zeebe.
   *
   * @param downloader fetches and keeps the video
   * @param apiConfig the API settings, whose key is redacted from every outcome
   * @param events hears of kept videos and failures (metrics)
   */
  public DownloadVideoHandler(
      VideoDownloader downloader, PixverseClientConfig apiConfig, WorkerEvents events) {
    this(downloader, apiConfig, JobOutcomeSender.ZEEBE, events);
  }

  /** The test seam: the outcome sender is the caller's. */
  DownloadVideoHandler(
      VideoDownloader downloader,
      PixverseClientConfig apiConfig,
      JobOutcomeSender sender,
      WorkerEvents events) {
    this.downloader = downloader;
    this.reporter = new OutcomeReporter(apiConfig, sender, events);
  }

  @Override
  public CompletionStage<Void> handleAsync(JobClient client, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    String resultVariable = JobInputs.resultVariable(job, Variables.DEFAULT_DOWNLOAD_RESULT);
    String url = JobInputs.text(variables.get(Variables.VIDEO_URL));
    String taskId = JobInputs.text(variables.get(Variables.TASK_ID));
    String objectKey = JobInputs.text(variables.get(Variables.OBJECT_KEY));
    String keyPattern =
        objectKey == null || objectKey.isBlank()
            ? JobInputs.text(variables.get(Variables.FILE_NAME))
            : objectKey;
    boolean overwrite = "true".equalsIgnoreCase(JobInputs.text(variables.get(Variables.OVERWRITE)));
    JobMdc.taskId(taskId);
    long started = System.nanoTime();
    return downloader
        .downloadAsync(url, keyPattern, taskId, overwrite, finishBy(job))
        .handle(
            JobMdc.within(
                job,
                (stored, failure) -> {
                  JobMdc.taskId(taskId);
                  if (failure == null) {
                    reporter
                        .events()
                        .downloaded(
                            stored.sizeBytes(),
                            Duration.ofNanos(System.nanoTime() - started),
                            stored.reused());
                  }
                  JobOutcome outcome;
                  if (failure == null) {
                    outcome = new JobOutcome.Complete(Map.of(resultVariable, result(stored)));
                  } else {
                    Throwable cause = Futures.unwrap(failure);
                    outcome =
                        reporter.failed(
                            WorkerEvents.Phase.DOWNLOAD, cause, onFailure(job, cause, taskId));
                  }
                  return reporter.send(client, job, outcome);
                }))
        .thenCompose(sent -> sent)
        .exceptionallyCompose(
            unexpected -> reporter.retryUnexpected(client, job, "download", unexpected));
  }

  private static JobOutcome onFailure(
      ActivatedJob job, Throwable failure, @Nullable String taskId) {
    if (!(failure instanceof DownloadException e)) {
      return Outcomes.retry(job, "Unexpected download failure: " + failure, null);
    }
    String forTask = taskId == null ? "" : " (task " + taskId + ")";
    return switch (e.kind()) {
      case EXPIRED ->
          Outcomes.bpmnError(ErrorCodes.VIDEO_EXPIRED, e.getMessage() + forTask, taskId);
      case REFUSED ->
          Outcomes.bpmnError(ErrorCodes.DOWNLOAD_REFUSED, e.getMessage() + forTask, taskId);
      case EXISTS -> Outcomes.bpmnError(ErrorCodes.FILE_EXISTS, e.getMessage() + forTask, taskId);
      case INVALID_NAME ->
          Outcomes.bpmnError(ErrorCodes.INVALID_INPUT, e.getMessage() + forTask, taskId);
      case TRANSIENT ->
          Outcomes.retry(job, e.getMessage() + forTask + "; no partial file was kept", null);
      case STORAGE ->
          new JobOutcome.Incident(
              e.getMessage()
                  + forTask
                  + ". Fix the storage (pixverse.storage.*, pixverse.download.directory), then"
                  + " retry the job: the paid video is still at its URL until that expires.");
    };
  }

  private static Map<String, Object> result(StoredVideo stored) {
    return Results.toVariable(stored);
  }

  /**
   * The transfer must end before the engine may hand the job to another worker: its deadline, less
   * a moment to report the outcome.
   */
  private static @Nullable Instant finishBy(ActivatedJob job) {
    return job.getDeadline() <= 0 ? null : Instant.ofEpochMilli(job.getDeadline()).minusSeconds(10);
  }
}

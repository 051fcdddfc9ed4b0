package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.VideoDownloader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the workers on a plain {@link CamundaClient}, for applications without Spring:
 * <pre>{@code
 * PixverseClient api = new PixverseClient(PixverseClientConfig.of(baseUrl, apiKey));
 * VideoDownloader downloader = new VideoDownloader(DownloadSettings.of(Path.of("/var/lib/videos")));
 * List<JobWorker> workers = PixverseWorkers.open(camunda, api, PollSchedule.DEFAULT, downloader);
 * // ... on shutdown: workers.forEach(JobWorker::close);
 * }</pre>
 */
public final class PixverseWorkers {

  /** Longer than the API client's request timeout, so a slow answer never loses the job. */
  public static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  /** Large files take a while; the job must not be handed to another worker meanwhile. */
  public static final Duration DOWNLOAD_JOB_TIMEOUT = Duration.ofMinutes(30);

  private PixverseWorkers() {
  }

  public static List<JobWorker> open(CamundaClient camunda, PixverseClient api, PollSchedule schedule) {
    return open(camunda, api, schedule, null);
  }

  /** Also opens the download worker when a downloader is given. */
  public static List<JobWorker> open(CamundaClient camunda, PixverseClient api, PollSchedule schedule,
      VideoDownloader downloader) {
    return open(camunda, api, schedule, downloader, WorkerEvents.NONE);
  }

  /**
   * With events for metrics. Every handler logs with the job's keys in the MDC ({@link JobMdc}).
   */
  public static List<JobWorker> open(CamundaClient camunda, PixverseClient api, PollSchedule schedule,
      VideoDownloader downloader, WorkerEvents events) {
    List<JobWorker> workers = new ArrayList<>(List.of(
        camunda.newWorker().jobType(JobTypes.SUBMIT_VIDEO)
            .handler(JobMdc.correlated(new SubmitVideoHandler(api, camunda, events)))
            .timeout(JOB_TIMEOUT)
            .fetchVariables(Variables.SUBMIT_FETCH)
            .open(),
        camunda.newWorker().jobType(JobTypes.AWAIT_TASK)
            .handler(JobMdc.correlated(new AwaitTaskHandler(api, schedule, events)))
            .timeout(JOB_TIMEOUT)
            .fetchVariables(Variables.AWAIT_FETCH)
            .open()));
    if (downloader != null) {
      workers.add(camunda.newWorker().jobType(JobTypes.DOWNLOAD_VIDEO)
          .handler(JobMdc.correlated(new DownloadVideoHandler(downloader, api.config(), events)))
          .timeout(DOWNLOAD_JOB_TIMEOUT)
          .fetchVariables(Variables.DOWNLOAD_FETCH)
          .open());
    }
    return List.copyOf(workers);
  }
}

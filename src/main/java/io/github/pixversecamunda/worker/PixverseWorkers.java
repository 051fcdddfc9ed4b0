package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.VideoDownloader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opens the workers on a plain {@link CamundaClient}, for applications without Spring:
 *
 * <pre>{@code
 * PixverseClient api = new PixverseClient(PixverseClientConfig.of(baseUrl, apiKey));
 * VideoDownloader downloader = VideoDownloader.intoDirectory(DownloadSettings.of(Path.of("/var/lib/videos")));
 * List<JobWorker> workers = PixverseWorkers.open(camunda, api, PollSchedule.DEFAULT, downloader);
 * // ... on shutdown: workers.forEach(JobWorker::close); then wait for the jobs in flight (see below)
 * }</pre>
 */
public final class PixverseWorkers {

  /** Longer than the API client's request timeout, so a slow answer never loses the job. */
  public static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  /** Large files take a while; the job must not be handed to another worker meanwhile. */
  public static final Duration DOWNLOAD_JOB_TIMEOUT = Duration.ofMinutes(30);

  /** The submit worker: its job type, job timeout and the variables it fetches. */
  public static final WorkerSpec SUBMIT =
      new WorkerSpec(JobTypes.SUBMIT_VIDEO, JOB_TIMEOUT, List.of(Variables.SUBMIT_FETCH));

  /** The await worker: one status check per job. */
  public static final WorkerSpec AWAIT =
      new WorkerSpec(JobTypes.AWAIT_TASK, JOB_TIMEOUT, List.of(Variables.AWAIT_FETCH));

  /** The download worker, with the longer timeout a large file needs. */
  public static final WorkerSpec DOWNLOAD =
      new WorkerSpec(
          JobTypes.DOWNLOAD_VIDEO, DOWNLOAD_JOB_TIMEOUT, List.of(Variables.DOWNLOAD_FETCH));

  /** Every worker of the library, for registrations that apply these settings by job type. */
  public static final List<WorkerSpec> ALL = List.of(SUBMIT, AWAIT, DOWNLOAD);

  private PixverseWorkers() {}

  /** Without the download worker: for tests whose processes never reach a download. */
  static List<JobWorker> open(CamundaClient camunda, PixverseClient api, PollSchedule schedule) {
    return open(camunda, api, schedule, null);
  }

  /**
   * Opens the submit and await workers, and the download worker when a downloader is given.
   *
   * @param camunda the client the workers activate jobs with
   * @param api the API client the handlers call
   * @param schedule when the await worker checks next
   * @param downloader keeps finished videos, or null for no download worker
   * @return the open workers; close them before the clients
   */
  public static List<JobWorker> open(
      CamundaClient camunda,
      PixverseClient api,
      PollSchedule schedule,
      @Nullable VideoDownloader downloader) {
    return open(camunda, api, schedule, downloader, new InFlightJobs(), WorkerEvents.NONE);
  }

  /**
   * The same, counting every job in {@code inFlight} until its outcome was sent (on shutdown, close
   * the workers first, then {@link InFlightJobs#awaitIdle} before closing the client), and
   * reporting to {@code events} (metrics). Every handler logs with the job's keys in the MDC
   * ({@link JobMdc}).
   *
   * @param camunda the client the workers activate jobs with
   * @param api the API client the handlers call
   * @param schedule when the await worker checks next
   * @param downloader keeps finished videos, or null for no download worker
   * @param inFlight counts the jobs whose outcome is not sent yet
   * @param events hears of what the handlers did (metrics)
   * @return the open workers; close them before the clients
   */
  public static List<JobWorker> open(
      CamundaClient camunda,
      PixverseClient api,
      PollSchedule schedule,
      @Nullable VideoDownloader downloader,
      InFlightJobs inFlight,
      WorkerEvents events) {
    List<JobWorker> workers =
        new ArrayList<>(
            List.of(
                open(camunda, SUBMIT, new SubmitVideoHandler(api, camunda, events), inFlight),
                open(camunda, AWAIT, new AwaitTaskHandler(api, schedule, events), inFlight)));
    if (downloader != null) {
      workers.add(
          open(
              camunda,
              DOWNLOAD,
              new DownloadVideoHandler(downloader, api.config(), events),
              inFlight));
    }
    return List.copyOf(workers);
  }

  /**
   * Opens one worker as specified: its jobs log with their keys, are counted in {@code inFlight}
   * and honour the task's job timeout.
   *
   * @param camunda the client the worker activates jobs with
   * @param spec the job type, timeout and fetch list
   * @param handler decides and sends each job's outcome
   * @param inFlight counts the jobs whose outcome is not sent yet
   * @return the open worker
   */
  public static JobWorker open(
      CamundaClient camunda, WorkerSpec spec, AsyncJobHandler handler, InFlightJobs inFlight) {
    return camunda
        .newWorker()
        .jobType(spec.type())
        .handler(prepare(camunda, handler, inFlight))
        .timeout(spec.timeout())
        .fetchVariables(spec.fetchVariables())
        .open();
  }

  /**
   * A handler as every registration runs it: with the job's keys in the logging MDC, counted in
   * {@code inFlight} until its outcome was sent, and honouring the task's job timeout header.
   *
   * @param camunda the client that sets a task's job timeout
   * @param handler decides and sends each job's outcome
   * @param inFlight counts the jobs whose outcome is not sent yet
   * @return the handler to register
   */
  public static JobHandler prepare(
      CamundaClient camunda, AsyncJobHandler handler, InFlightJobs inFlight) {
    return JobMdc.correlated(inFlight.track(TaskJobTimeout.honour(camunda, handler)));
  }
}

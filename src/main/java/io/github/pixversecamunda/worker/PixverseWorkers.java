package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import java.time.Duration;
import java.util.List;

/**
 * Opens both workers on a plain {@link CamundaClient}, for applications without Spring:
 * <pre>{@code
 * PixverseClient api = new PixverseClient(PixverseClientConfig.of(baseUrl, apiKey));
 * List<JobWorker> workers = PixverseWorkers.open(camunda, api, PollSchedule.DEFAULT);
 * // ... on shutdown: workers.forEach(JobWorker::close);
 * }</pre>
 */
public final class PixverseWorkers {

  /** Longer than the API client's request timeout, so a slow answer never loses the job. */
  public static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  private PixverseWorkers() {
  }

  public static List<JobWorker> open(CamundaClient camunda, PixverseClient api, PollSchedule schedule) {
    return List.of(
        camunda.newWorker().jobType(JobTypes.SUBMIT_VIDEO)
            .handler(new SubmitVideoHandler(api, camunda))
            .timeout(JOB_TIMEOUT)
            .fetchVariables(Variables.SUBMIT_FETCH)
            .open(),
        camunda.newWorker().jobType(JobTypes.AWAIT_TASK)
            .handler(new AwaitTaskHandler(api, schedule))
            .timeout(JOB_TIMEOUT)
            .fetchVariables(Variables.AWAIT_FETCH)
            .open());
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import java.util.concurrent.CompletionStage;

/**
 * A job handler that returns at once and finishes later, when the API has answered and the job's
 * outcome has been sent. The returned stage lets {@link InFlightJobs} know when a job is really
 * done, which a graceful shutdown waits for.
 */
public interface AsyncJobHandler extends JobHandler {

  /**
   * Starts handling; the stage completes once the job's outcome was sent (or sending failed).
   *
   * @param client the job client that sends the outcome
   * @param job the activated job
   * @return completes once the outcome was sent, or sending failed
   */
  CompletionStage<Void> handleAsync(JobClient client, ActivatedJob job);

  @Override
  default void handle(JobClient client, ActivatedJob job) {
    handleAsync(client, job);
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.concurrent.CompletionStage;

/** Sends a {@link JobOutcome} for a job. A seam for tests that need to lose a completion. */
@FunctionalInterface
public interface JobOutcomeSender {

  /**
   * Sends the command that the outcome stands for.
   *
   * @param client the job client of the worker
   * @param job the job the outcome is for
   * @param outcome what the handler decided
   * @return completes when the engine answered, or fails
   */
  CompletionStage<?> send(JobClient client, ActivatedJob job, JobOutcome outcome);

  /** Complete, throw error, fail (with backoff) or fail with no retries: Zeebe's own commands. */
  JobOutcomeSender ZEEBE =
      (client, job, outcome) -> {
        if (outcome instanceof JobOutcome.Complete complete) {
          return client.newCompleteCommand(job).variables(complete.variables()).send();
        }
        if (outcome instanceof JobOutcome.BpmnError error) {
          return client
              .newThrowErrorCommand(job)
              .errorCode(error.code())
              .errorMessage(error.message())
              .variables(error.variables())
              .send();
        }
        if (outcome instanceof JobOutcome.Retry retry) {
          return client
              .newFailCommand(job)
              .retries(retry.remainingRetries())
              .retryBackoff(retry.backoff())
              .errorMessage(retry.message())
              .send();
        }
        if (outcome instanceof JobOutcome.Wait wait) {
          return client
              .newFailCommand(job)
              .retries(wait.retries())
              .retryBackoff(wait.backoff())
              .errorMessage(wait.message())
              .variables(wait.variables())
              .send();
        }
        JobOutcome.Incident incident = (JobOutcome.Incident) outcome;
        return client.newFailCommand(job).retries(0).errorMessage(incident.message()).send();
      };
}

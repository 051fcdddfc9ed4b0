package io.github.pixversecamunda.worker;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Captures the outcome a handler decides, without an engine. */
final class RecordingSender implements JobOutcomeSender {

  private final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();

  @Override
  public CompletionStage<?> send(JobClient client, ActivatedJob job, JobOutcome decided) {
    outcome.complete(decided);
    return CompletableFuture.completedFuture(null);
  }

  JobOutcome outcome() {
    try {
      return outcome.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the handler decided nothing", e);
    }
  }

  static ActivatedJob job(Map<String, Object> variables, Map<String, String> headers, int retries) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getVariablesAsMap()).thenReturn(variables);
    when(job.getCustomHeaders()).thenReturn(headers);
    when(job.getRetries()).thenReturn(retries);
    when(job.getKey()).thenReturn(1L);
    when(job.getElementInstanceKey()).thenReturn(2L);
    return job;
  }
}

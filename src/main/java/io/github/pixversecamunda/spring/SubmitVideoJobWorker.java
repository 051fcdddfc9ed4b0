package io.github.pixversecamunda.spring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.Variables;

/**
 * The submit worker as a Camunda Spring job worker. Its type, timeout, concurrency and more can be
 * overridden the standard way: {@code camunda.client.worker.override.pixverse-submit-video.*}.
 */
public class SubmitVideoJobWorker {

  private final JobHandler handler;

  /** {@code handler} as built by the auto-configuration: the SubmitVideoHandler, with the job in the MDC. */
  public SubmitVideoJobWorker(JobHandler handler) {
    this.handler = handler;
  }

  @JobWorker(type = JobTypes.SUBMIT_VIDEO, autoComplete = false, timeout = 300_000,
      fetchVariables = {GenerationInput.PROMPT, GenerationInput.IMAGE_URL, GenerationInput.RESOLUTION,
          GenerationInput.DURATION, GenerationInput.ASPECT_RATIO, GenerationInput.GENERATE_AUDIO,
          GenerationInput.THINKING_TYPE, GenerationInput.NEGATIVE_PROMPT, GenerationInput.SEED,
          Variables.MODE, Variables.MAX_CREDITS, Variables.SUBMITTED_TASK_ID,
          Variables.SUBMITTED_AT})
  public void submitVideo(JobClient client, ActivatedJob job) throws Exception {
    handler.handle(client, job);
  }
}

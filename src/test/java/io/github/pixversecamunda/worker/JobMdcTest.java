package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A pooled thread must not carry one job's keys into its next piece of work. */
class JobMdcTest {

  private static ActivatedJob job() {
    return (ActivatedJob)
        Proxy.newProxyInstance(
            ActivatedJob.class.getClassLoader(),
            new Class<?>[] {ActivatedJob.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getProcessInstanceKey" -> 11L;
                  case "getKey" -> 22L;
                  case "getElementId" -> "submit_video";
                  case "getBpmnProcessId" -> "pixverse-text-to-video";
                  case "getType" -> JobTypes.SUBMIT_VIDEO;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void callbacksSeeTheJobAndLeaveTheThreadAsTheyFoundIt() {
    MDC.put("request", "outer");
    Map<String, String> seen = new HashMap<>();
    JobMdc.<String, Void>within(
            job(),
            (taskId, failure) -> {
              JobMdc.taskId(taskId);
              seen.putAll(MDC.getCopyOfContextMap());
              return null;
            })
        .apply("task-1", null);

    assertThat(seen)
        .containsEntry(JobMdc.PROCESS_INSTANCE_KEY, "11")
        .containsEntry(JobMdc.JOB_KEY, "22")
        .containsEntry(JobMdc.ELEMENT_ID, "submit_video")
        .containsEntry(JobMdc.JOB_TYPE, JobTypes.SUBMIT_VIDEO)
        .containsEntry(JobMdc.TASK_ID, "task-1")
        .containsEntry("request", "outer");
    assertThat(MDC.getCopyOfContextMap()).containsExactlyEntriesOf(Map.of("request", "outer"));
    MDC.clear();
  }
}

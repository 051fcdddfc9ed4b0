package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.PixverseWorkers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The submit worker's job type, overridden the standard Camunda way, serves a task of that type.
 */
// The engine stops after this class: close the context too, or its workers would poll a dead port.
@DirtiesContext
@SpringBootTest(classes = SpringWorkersOnEngineTest.App.class)
class JobTypeOverrideTest {

  private static final EngineHarness ENGINE = new EngineHarness();
  private static final PixverseSimulator SIMULATOR = new PixverseSimulator().start();

  @DynamicPropertySource
  static void connect(DynamicPropertyRegistry registry) {
    ENGINE.clusterProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("camunda.client.worker.override.pixverse-submit-video.type", () -> "acme-submit");
    registry.add("camunda.client.worker.override.pixverse-await-task.timeout", () -> "PT7M");
    registry.add("pixverse.api-key", SIMULATOR::apiKey);
    registry.add("pixverse.base-url", SIMULATOR::baseUrl);
    registry.add("pixverse.workers.download.enabled", () -> "false");
  }

  @AfterAll
  static void stop() {
    SIMULATOR.close();
    ENGINE.close();
  }

  @Test
  void overriddenTypeIsServed() {
    ENGINE
        .client()
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("acme")
                .startEvent()
                .serviceTask("submit", t -> t.zeebeJobType("acme-submit"))
                .endEvent()
                .done(),
            "acme.bpmn")
        .send()
        .join();

    long instance = ENGINE.start("acme", Map.of("prompt", "A dragon"));
    ENGINE.awaitCompleted(instance);

    assertThat(ENGINE.variable(instance, "pixverse").path("taskId").asText()).endsWith("_pixverse");
    assertThat(SIMULATOR.tasksCreated()).isEqualTo(1);
  }

  @Autowired JobWorkerManager workers;

  @Test
  void theWorkerSpecsApplyAndOverridesStillWin() {
    var submit = workers.findJobWorkerConfigByType("acme-submit").orElseThrow();
    assertThat(submit.getTimeout()).isEqualTo(PixverseWorkers.SUBMIT.timeout());
    assertThat(submit.getFetchVariables())
        .containsExactlyInAnyOrderElementsOf(PixverseWorkers.SUBMIT.fetchVariables());
    assertThat(workers.findJobWorkerConfigByType(JobTypes.AWAIT_TASK).orElseThrow().getTimeout())
        .isEqualTo(Duration.ofMinutes(7));
  }
}

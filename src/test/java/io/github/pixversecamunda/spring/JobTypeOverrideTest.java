package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.PixverseWorkers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  // The simulator as it starts by default; the test deploys its own process.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withoutProcesses().simulator(s -> s).oneFixturePerClass();

  @DynamicPropertySource
  static void connect(DynamicPropertyRegistry registry) {
    SpringOnEngine.connect(registry, PIXVERSE.fixture());
    registry.add("camunda.client.worker.override.pixverse-submit-video.type", () -> "acme-submit");
    registry.add("camunda.client.worker.override.pixverse-await-task.timeout", () -> "PT7M");
    registry.add("pixverse.workers.download.enabled", () -> "false");
  }

  @Test
  void overriddenTypeIsServed(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    engine
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

    long instance = engine.start("acme", Map.of("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    assertThat(engine.variable(instance, "pixverse").path("taskId").asText()).endsWith("_pixverse");
    assertThat(fixture.simulator().tasksCreated()).isEqualTo(1);
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

package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.Variables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The worker application ({@code java -jar ...-exec.jar}) configured only through environment
 * variables, the way an operator configures it, against the in-memory engine's gRPC port as if it
 * were an external self-managed cluster. It deploys the bundled processes and carries one to its
 * video.
 */
class WorkerApplicationTest {

  // Nothing deployed by the test: the application deploys the bundled processes itself.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withoutProcesses();

  @Test
  void runsTheWorkersAgainstAClusterConfiguredByEnvironment(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    PixverseSimulator simulator = fixture.startSimulator(s -> s.completeOnPoll(1));
    Path storage = fixture.storage();
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "CAMUNDA_CLIENT_MODE", "self-managed",
                    "CAMUNDA_CLIENT_AUTH_METHOD", "none",
                    "CAMUNDA_CLIENT_GRPCADDRESS", engine.grpcAddress(),
                    "CAMUNDA_CLIENT_PREFERRESTOVERGRPC", "false",
                    "PIXVERSE_API_KEY", simulator.apiKey(),
                    "PIXVERSE_BASE_URL", simulator.baseUrl(),
                    "PIXVERSE_DEPLOY_PROCESSES", "true",
                    "PIXVERSE_DOWNLOAD_DIRECTORY", storage.toString(),
                    "PIXVERSE_DOWNLOAD_ALLOW_LOOPBACK", "true")));
    SpringApplication application = new SpringApplication(PixverseWorkerApplication.class);
    application.setEnvironment(environment);
    application.setWebApplicationType(WebApplicationType.NONE);

    try (ConfigurableApplicationContext context = application.run()) {
      long instance =
          engine.start(
              ProcessIds.IMAGE_TO_VIDEO,
              Map.of(
                  "prompt", "The castle wakes up", "imageUrl", "https://example.org/castle.png"));
      // The first check waits for the earliest likely finish; move the engine's clock past it.
      engine.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
      engine.increaseTime(Duration.ofMinutes(1));
      engine.awaitCompleted(instance);

      assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
      assertThat(
              engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("videoUrl").asText())
          .endsWith(".mp4");
      assertThat(simulator.tasksCreated()).isEqualTo(1);
      assertThat(
              Path.of(
                  engine
                      .variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT)
                      .path("path")
                      .asText()))
          .startsWith(storage)
          .exists();
    }
  }
}

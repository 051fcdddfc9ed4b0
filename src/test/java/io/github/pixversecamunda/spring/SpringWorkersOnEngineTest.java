package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Camunda Spring Boot Starter with this library on the classpath, connected to the in-memory
 * engine as to a self-managed cluster: the application deploys the bundled processes from the jar's
 * resources at start ({@code pixverse.deploy-processes}), and the auto-configured workers carry one
 * to its video.
 */
// The engine stops after this class: close the context too, or its workers would poll a dead port.
@DirtiesContext
@SpringBootTest(classes = SpringWorkersOnEngineTest.App.class)
class SpringWorkersOnEngineTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  // Nothing deployed by the test: the application deploys the bundled processes itself.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withoutProcesses()
          .simulator(s -> s.completeOnPoll(2))
          .oneFixturePerClass();

  @DynamicPropertySource
  static void connect(DynamicPropertyRegistry registry) {
    EngineFixture fixture = PIXVERSE.fixture();
    SpringOnEngine.connect(registry, fixture);
    registry.add("pixverse.deploy-processes", () -> "true");
    registry.add("pixverse.poll.floor", () -> "PT1S");
    registry.add("pixverse.poll.ceiling", () -> "PT1S");
    registry.add("pixverse.download.directory", fixture.storage()::toString);
    registry.add("pixverse.download.allow-loopback", () -> "true");
  }

  @Test
  void autoConfiguredWorkersGenerateAVideo(EngineFixture fixture) {
    EngineHarness engine = fixture.engine();
    long instance =
        engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A dragon from Spring"));
    engine.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
    engine.increaseTime(Duration.ofSeconds(1));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("videoUrl").asText())
        .endsWith(".mp4");
    assertThat(fixture.simulator().tasksCreated()).isEqualTo(1);
    assertThat(
            Path.of(
                engine.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT).path("path").asText()))
        .startsWith(fixture.storage())
        .exists();
  }
}

package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.Variables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

  private static final EngineHarness ENGINE = new EngineHarness();
  private static final PixverseSimulator SIMULATOR =
      new PixverseSimulator().completeOnPoll(2).start();
  private static final Path STORAGE = temporaryDirectory();

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("pixverse-spring-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void connect(DynamicPropertyRegistry registry) {
    ENGINE.clusterProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("pixverse.api-key", SIMULATOR::apiKey);
    registry.add("pixverse.deploy-processes", () -> "true");
    registry.add("pixverse.base-url", SIMULATOR::baseUrl);
    registry.add("pixverse.poll.floor", () -> "PT1S");
    registry.add("pixverse.poll.ceiling", () -> "PT1S");
    registry.add("pixverse.download.directory", STORAGE::toString);
    registry.add("pixverse.download.allow-loopback", () -> "true");
  }

  @AfterAll
  static void stop() {
    SIMULATOR.close();
    ENGINE.close();
  }

  @Test
  void autoConfiguredWorkersGenerateAVideo() {
    long instance =
        ENGINE.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A dragon from Spring"));
    ENGINE.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
    ENGINE.increaseTime(java.time.Duration.ofSeconds(1));
    ENGINE.awaitCompleted(instance);

    assertThat(ENGINE.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(ENGINE.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("videoUrl").asText())
        .endsWith(".mp4");
    assertThat(SIMULATOR.tasksCreated()).isEqualTo(1);
    assertThat(
            Path.of(
                ENGINE.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT).path("path").asText()))
        .startsWith(STORAGE)
        .exists();
  }
}

package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two failure ends of the single-video processes that nothing else reaches: the API refusing
 * the request (400) and a different file already kept under the video's name. Both on the shipped
 * processes, the in-memory engine, the workers and the simulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RarelyReachedEndsTest {

  private static final PollSchedule FAST =
      new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2));

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withBundledProcesses().schedule(FAST);

  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;
  private Path storage;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    this.fixture = fixture;
    engine = fixture.engine();
    storage = fixture.storage();
  }

  private void open(UnaryOperator<PixverseSimulator> settings) {
    simulator = fixture.startSimulator(settings);
    fixture.openWorkers();
  }

  private static Map<String, Object> start(String process) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("prompt", "A lighthouse in a storm");
    if (process.equals(ProcessIds.IMAGE_TO_VIDEO)) {
      variables.put("imageUrl", "https://images.example.com/lighthouse.png");
    }
    return variables;
  }

  @ParameterizedTest
  @ValueSource(strings = {ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO})
  void aRequestTheApiRefusesEndsAtInvalidRequest(String process) {
    open(s -> s.completeOnPoll(1));
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(400));

    long instance = engine.start(process, start(process));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_INVALID_REQUEST);
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertThat(simulator.tasksCreated()).isZero();
    assertThat(engine.openIncidents(instance)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO})
  void aDifferentFileUnderTheVideosNameEndsAtFileExistsAndStaysUntouched(String process)
      throws Exception {
    // Three status checks (at least a second apart) leave time to place the file once the task id
    // is known and before the download step names it.
    open(s -> s.completeOnPoll(3));

    long instance = engine.start(process, start(process));
    await().atMost(EngineHarness.WAIT).until(() -> !simulator.taskIds().isEmpty());
    String taskId = simulator.taskIds().get(0);
    Path existing = storage.resolve(taskId + ".mp4");
    Files.writeString(existing, "another video", StandardCharsets.UTF_8);
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_FILE_EXISTS);
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.FILE_EXISTS);
    assertThat(error.path("taskId").asText()).isEqualTo(taskId);
    assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("another video");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }
}

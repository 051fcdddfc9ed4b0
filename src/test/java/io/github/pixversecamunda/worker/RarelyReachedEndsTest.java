package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.Offline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
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

  private EngineHarness engine;
  private PixverseSimulator simulator;
  private VideoDownloader downloader;
  private final List<JobWorker> workers = new ArrayList<>();
  @TempDir Path storage;

  @BeforeAll
  void startEngine() {
    engine = new EngineHarness();
    engine.deployBundledProcesses();
  }

  @AfterAll
  void stopEngine() {
    engine.close();
  }

  @AfterEach
  void stop() {
    workers.forEach(JobWorker::close);
    workers.clear();
    simulator.close();
    downloader.close();
  }

  private void open(PixverseSimulator started) {
    simulator = started;
    PixverseClient api = Offline.client(simulator);
    downloader = Offline.downloader(storage);
    workers.addAll(PixverseWorkers.open(engine.client(), api, FAST, downloader));
  }

  private static Map<String, Object> start(String process) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("prompt", "A lighthouse in a storm");
    if (process.equals("pixverse-image-to-video")) {
      variables.put("imageUrl", "https://images.example.com/lighthouse.png");
    }
    return variables;
  }

  @ParameterizedTest
  @ValueSource(strings = {"pixverse-text-to-video", "pixverse-image-to-video"})
  void aRequestTheApiRefusesEndsAtInvalidRequest(String process) {
    open(new PixverseSimulator().completeOnPoll(1).start());
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(400));

    long instance = engine.start(process, start(process));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_invalid_request");
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.INVALID_REQUEST);
    assertThat(simulator.tasksCreated()).isZero();
    assertThat(engine.openIncidents(instance)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pixverse-text-to-video", "pixverse-image-to-video"})
  void aDifferentFileUnderTheVideosNameEndsAtFileExistsAndStaysUntouched(String process)
      throws Exception {
    // Three status checks (at least a second apart) leave time to place the file once the task id
    // is known and before the download step names it.
    open(new PixverseSimulator().completeOnPoll(3).start());

    long instance = engine.start(process, start(process));
    await().atMost(EngineHarness.WAIT).until(() -> !simulator.taskIds().isEmpty());
    String taskId = simulator.taskIds().get(0);
    Path existing = storage.resolve(taskId + ".mp4");
    Files.writeString(existing, "another video", StandardCharsets.UTF_8);
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_file_exists");
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.FILE_EXISTS);
    assertThat(error.path("taskId").asText()).isEqualTo(taskId);
    assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("another video");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }
}

package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.PollSchedule;
import io.github.pixversecamunda.worker.Variables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call activities made with "PixVerse 5.6: Generate video", on the engine with the workers and the
 * simulator: bpmn/examples/pixverse-teaser-and-video.bpmn calls pixverse-text-to-video twice, a
 * teaser with fixed settings whose failures are not caught and a video that follows the process
 * variables with escalation boundary events for budget, invalid input, content rejected and
 * deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerateVideoCallActivityTest {

  private static final String PROCESS = ProcessIds.TEASER_AND_VIDEO;
  private static final PollSchedule FAST =
      new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2));

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.deploying(Path.of("bpmn"), Path.of("bpmn", "examples"))
          .schedule(FAST);

  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    this.fixture = fixture;
    engine = fixture.engine();
  }

  private void openWorkers(UnaryOperator<PixverseSimulator> settings) {
    simulator = fixture.startSimulator(settings);
    fixture.openWorkers();
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void fieldsReachTheCalledProcessAndOnlyTheDeclaredResultsComeBack() {
    openWorkers(s -> s.completeOnPoll(1));

    long instance =
        engine.start(
            PROCESS,
            vars(
                "prompt", "A lighthouse at dawn",
                "resolution", "1080p",
                "duration", 8,
                "aspectRatio", "9:16",
                "seed", 7,
                "maxCredits", 300,
                "internalNote", "not for the called process"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.TEASER_END_VIDEOS_READY);
    // The teaser's fixed dropdown values win over the process variables; the video follows them.
    JsonNode teaser = engine.variable(instance, "teaser");
    assertThat(teaser.path("task").path("parameters").path("resolution").asText())
        .isEqualTo("360p");
    assertThat(teaser.path("task").path("parameters").path("duration").asInt()).isEqualTo(5);
    assertThat(teaser.path("task").path("parameters").path("aspectRatio").asText())
        .isEqualTo("16:9");
    JsonNode video = engine.variable(instance, "video");
    JsonNode parameters = video.path("task").path("parameters");
    assertThat(parameters.path("prompt").asText()).isEqualTo("A lighthouse at dawn");
    assertThat(parameters.path("resolution").asText()).isEqualTo("1080p");
    assertThat(parameters.path("duration").asInt()).isEqualTo(8);
    assertThat(parameters.path("aspectRatio").asText()).isEqualTo("9:16");
    assertThat(parameters.path("seed").asLong()).isEqualTo(7);
    assertThat(video.path("task").path("estimatedCredits").asInt()).isEqualTo(300);
    assertThat(video.path("status").path("state").asText()).isEqualTo("COMPLETED");
    assertThat(video.path("file").path("sizeBytes").asLong()).isPositive();
    assertThat(video.path("error").isNull()).isTrue();
    assertThat(simulator.tasksCreated()).isEqualTo(2);

    // Nothing else came back from the two calls...
    assertThat(engine.variables(instance).keySet())
        .containsExactlyInAnyOrder(
            "prompt",
            "resolution",
            "duration",
            "aspectRatio",
            "seed",
            "maxCredits",
            "internalNote",
            "teaser",
            "video");
    // ...and nothing went into them but their inputs: the note, and the teaser's result, stayed
    // in this instance.
    assertThat(engine.calledInstances(instance)).hasSize(2);
    for (long child : engine.calledInstances(instance)) {
      assertThat(engine.instancesWithVariable("internalNote")).doesNotContain(child);
      assertThat(engine.instancesWithVariable("teaser")).doesNotContain(child);
      assertThat(engine.variables(child)).doesNotContainKeys("internalNote", "teaser", "video");
    }
  }

  @Test
  void twoCallsInOneProcessDoNotSeeEachOthersVariables() {
    openWorkers(s -> s.completeOnPoll(1));

    long instance = engine.start(PROCESS, vars("prompt", "A red fox in snow"));
    engine.awaitCompleted(instance);

    List<Long> called = new ArrayList<>(engine.calledInstances(instance));
    assertThat(called).hasSize(2);
    // Each called instance holds its own submit result, and never the other's.
    String teaserTask = engine.variable(instance, "teaser").path("task").path("taskId").asText();
    String videoTask = engine.variable(instance, "video").path("task").path("taskId").asText();
    assertThat(teaserTask).isNotEqualTo(videoTask);
    for (long child : called) {
      List<String> taskIds =
          engine.allValues(child, Variables.DEFAULT_SUBMIT_RESULT).stream()
              .map(v -> v.path("taskId").asText())
              .distinct()
              .toList();
      assertThat(taskIds).hasSize(1).containsAnyOf(teaserTask, videoTask);
      assertThat(engine.allValues(child, "teaser")).isEmpty();
      assertThat(engine.allValues(child, "video")).isEmpty();
    }
  }

  @Test
  void overBudgetIsCaughtOnTheCallActivityAndNothingIsPaid() {
    openWorkers(s -> s.completeOnPoll(1));

    long instance =
        engine.start(PROCESS, vars("prompt", "A dragon", "resolution", "1080p", "maxCredits", 100));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_BUDGET_EXCEEDED);
    // The teaser (360p, 70 credits) fitted; the video (1080p, 150) was never submitted.
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(engine.variables(instance)).doesNotContainKey("video");
  }

  @Test
  void invalidInputIsCaughtOnTheCallActivity() {
    openWorkers(s -> s.completeOnPoll(1));

    long instance = engine.start(PROCESS, vars("prompt", "A dragon", "resolution", "4k"));
    engine.awaitCompleted(instance);

    // The teaser's resolution is fixed, so only the video sees "4k".
    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_INVALID_INPUT);
    assertThat(engine.variable(instance, "teaser").path("status").path("state").asText())
        .isEqualTo("COMPLETED");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void contentRejectedIsCaughtOnTheCallActivityAndAnUncaughtFailureCompletesTheCall() {
    openWorkers(s -> s.completeOnPoll(1));

    long instance =
        engine.start(PROCESS, vars("prompt", "A dragon " + PixverseSimulator.REJECT_MARKER));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_CONTENT_REJECTED);
    // The teaser's failure is not caught: its call completed, and its result says why.
    JsonNode teaserError = engine.variable(instance, "teaser").path("error");
    assertThat(teaserError.path("code").asText()).isEqualTo("PIXVERSE_CONTENT_REJECTED");
    assertThat(teaserError.path("taskId").asText()).isNotEmpty();
  }

  @Test
  void aPassedDeadlineIsCaughtOnTheCallActivity() {
    openWorkers(s -> s.generationTime(Duration.ofHours(1)));

    long instance = engine.start(PROCESS, vars("prompt", "A dragon", "deadline", "PT5M"));
    // The teaser never finishes: its deadline ends its call, which is not caught.
    long submitsBefore = engine.completedJobs("pixverse-submit-video");
    // Moving the clock also expires jobs held by a worker: move it only once the submit is done.
    org.awaitility.Awaitility.await()
        .atMost(EngineHarness.WAIT)
        .until(() -> engine.completedJobs("pixverse-submit-video") == submitsBefore + 1);
    engine.increaseTime(Duration.ofMinutes(6));
    org.awaitility.Awaitility.await()
        .atMost(EngineHarness.WAIT)
        .until(() -> engine.completedJobs("pixverse-submit-video") == submitsBefore + 2);
    engine.increaseTime(Duration.ofMinutes(6));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_DEADLINE_PASSED);
    // The teaser's call completed without a file; its error names the paid task and the pickup.
    JsonNode teaser = engine.variable(instance, "teaser");
    assertThat(teaser.path("file").isNull()).isTrue();
    assertThat(teaser.path("error").path("code").asText()).isEqualTo("PIXVERSE_DEADLINE_PASSED");
    assertThat(teaser.path("error").path("taskId").asText()).isNotEmpty();
    assertThat(teaser.path("error").path("message").asText()).contains("pixverse-pickup");
    assertThat(simulator.tasksCreated()).isEqualTo(2);
  }
}

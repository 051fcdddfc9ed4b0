package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.Variables;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processes as the Modeler saves them after every templated task had its template re-applied
 * (written to target/reapplied/ by scripts/check-modeler-files.mjs, which Maven runs before the
 * tests), with the examples of bpmn/examples/: start variables still reach the workers, the budget
 * guard still holds, and the call activities still pass their fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReappliedTemplatesTest {

  private static final Path REAPPLIED = Path.of("target", "reapplied");

  // Only a build run with -DskipModelerChecks has no re-applied processes.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.deploying(REAPPLIED, REAPPLIED.resolve("examples"))
          .skipWhenMissing("target/reapplied/ is written by the Node check (skipped)")
          .openWorkersBeforeEach();

  private EngineHarness engine;
  private PixverseSimulator simulator;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    engine = fixture.engine();
    simulator = fixture.simulator();
  }

  @ParameterizedTest
  @ValueSource(strings = {ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO})
  void startVariablesReachTheWorker(String process) {
    long instance =
        engine.start(
            process,
            Map.of(
                "prompt",
                "A dragon",
                "imageUrl",
                "https://example.com/a.png",
                "resolution",
                "1080p",
                "duration",
                8,
                "aspectRatio",
                "9:16",
                "thinkingType",
                "disabled",
                "generateAudio",
                true,
                "seed",
                7,
                "negativePrompt",
                "rain",
                "maxCredits",
                600));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    JsonNode parameters =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("parameters");
    assertThat(parameters.path("resolution").asText()).isEqualTo("1080p");
    assertThat(parameters.path("duration").asInt()).isEqualTo(8);
    assertThat(parameters.path("aspectRatio").asText()).isEqualTo("9:16");
    assertThat(parameters.path("thinkingType").asText()).isEqualTo("disabled");
    assertThat(parameters.path("generateAudio").asBoolean()).isTrue();
    assertThat(parameters.path("seed").asLong()).isEqualTo(7);
    assertThat(parameters.path("negativePrompt").asText()).isEqualTo("rain");
  }

  /** The call activities of the teaser example: a fixed dropdown value and the process variable. */
  @org.junit.jupiter.api.Test
  void reappliedCallActivitiesPassFixedValuesAndProcessVariables() {
    long instance =
        engine.start(
            ProcessIds.TEASER_AND_VIDEO,
            Map.of("prompt", "A dragon", "resolution", "1080p", "duration", 8));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.TEASER_END_VIDEOS_READY);
    JsonNode teaser = engine.variable(instance, "teaser").path("task").path("parameters");
    assertThat(teaser.path("resolution").asText()).isEqualTo("360p");
    assertThat(teaser.path("duration").asInt()).isEqualTo(5);
    JsonNode video = engine.variable(instance, "video").path("task").path("parameters");
    assertThat(video.path("resolution").asText()).isEqualTo("1080p");
    assertThat(video.path("duration").asInt()).isEqualTo(8);
  }

  @ParameterizedTest
  @ValueSource(strings = {ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO})
  void aBudgetBelowTheEstimateStillSubmitsNothing(String process) {
    int submitsBefore = simulator.requests(Endpoint.SUBMIT);
    long instance =
        engine.start(
            process,
            Map.of(
                "prompt",
                "A dragon",
                "imageUrl",
                "https://example.com/a.png",
                "resolution",
                "1080p",
                "maxCredits",
                100));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_BUDGET_EXCEEDED);
    assertThat(engine.variable(instance, Variables.ERROR).path("code").asText())
        .isEqualTo("PIXVERSE_BUDGET_EXCEEDED");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(submitsBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO})
  void unsetSettingsGetTheApiDefaults(String process) {
    long instance =
        engine.start(
            process, Map.of("prompt", "A dragon", "imageUrl", "https://example.com/a.png"));
    engine.awaitCompleted(instance);

    JsonNode parameters =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("parameters");
    assertThat(parameters.path("resolution").asText()).isEqualTo("720p");
    assertThat(parameters.path("duration").asInt()).isEqualTo(5);
    assertThat(parameters.has("seed")).isFalse();
    assertThat(parameters.has("aspectRatio")).isFalse();
  }
}

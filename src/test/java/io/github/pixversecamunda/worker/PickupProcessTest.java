package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No paid video is stranded: the deadline end names the running, paid task and how to pick it up;
 * the pickup process keeps that task's video without a second submit; a calling process chooses the
 * object key of the shipped processes through {@value Variables#OBJECT_KEY}.
 */
class PickupProcessTest {

  private static final String TEXT = "pixverse-text-to-video";
  private static final String PICKUP = ProcessIds.PICKUP;

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withBundledProcesses().openWorkersBeforeEach();

  private EngineHarness engine;
  private PixverseSimulator simulator;
  private Path storage;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    engine = fixture.engine();
    simulator = fixture.simulator();
    storage = fixture.storage();
  }

  @Test
  void aTaskWhoseDeadlinePassedIsPickedUpAndKeptWithoutASecondSubmit() throws Exception {
    simulator.completeOnPoll(Integer.MAX_VALUE);
    long instance = engine.start(TEXT, Map.of("prompt", "A dragon", "deadline", "PT5M"));
    engine.awaitWaitingAt(instance, "wait_before_next_check");
    engine.increaseTime(Duration.ofMinutes(6));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_deadline_passed");
    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo("PIXVERSE_DEADLINE_PASSED");
    assertThat(error.path("taskId").asText()).isEqualTo(taskId);
    assertThat(error.path("message").asText())
        .contains("PixVerse task " + taskId + " was still running")
        .contains("is paid and keeps running")
        .contains("pixverse-pickup with taskId '" + taskId + "'")
        .contains("--pickup " + taskId);
    assertThat(simulator.tasksCreated()).isEqualTo(1);

    // The task finishes later, out of the ended instance's sight; the pickup keeps its video.
    simulator.completeOnPoll(1);
    long pickup =
        engine.start(PICKUP, Map.of(Variables.TASK_ID, taskId, "objectKey", "picked/{taskId}.mp4"));
    engine.awaitCompleted(pickup);

    assertThat(engine.endEvents(pickup)).containsExactly("end_video_ready");
    JsonNode file = engine.variable(pickup, Variables.DEFAULT_DOWNLOAD_RESULT);
    assertThat(file.path("store").asText()).isEqualTo("directory");
    assertThat(file.path("key").asText()).isEqualTo("picked/" + taskId + ".mp4");
    Path kept = storage.resolve("picked").resolve(taskId + ".mp4");
    assertThat(file.path("path").asText()).isEqualTo(kept.toString());
    assertThat(file.path("uri").asText()).isEqualTo(kept.toUri().toString());
    assertThat(file.path("sha256").asText())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(kept))));
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aDeadlineBeforeAnyAcceptedSubmitSaysNothingWasRecorded() {
    simulator.responseDelay(Endpoint.SUBMIT, Duration.ofSeconds(3));
    long instance = engine.start(TEXT, Map.of("prompt", "A dragon", "deadline", "PT1M"));
    engine.awaitWaitingAt(instance, "submit_video");
    engine.increaseTime(Duration.ofMinutes(2));
    engine.awaitCompleted(instance);

    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("message").asText()).contains("before a PixVerse task id was recorded");
    assertThat(error.path("taskId").isNull()).isTrue();
  }

  @Test
  void pickingUpAnUnknownTaskEndsAtTaskNotFoundAndSubmitsNothing() {
    long pickup = engine.start(PICKUP, Map.of(Variables.TASK_ID, "no-such-task"));
    engine.awaitCompleted(pickup);

    assertThat(engine.endEvents(pickup)).containsExactly("end_task_not_found");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void aCallingProcessChoosesTheObjectKeyOfTheShippedProcess() {
    long instance =
        engine.start(
            TEXT, Map.of("prompt", "A dragon", "objectKey", "campaigns/spring/{taskId}.mp4"));
    engine.awaitCompleted(instance);

    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    assertThat(engine.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT).path("key").asText())
        .isEqualTo("campaigns/spring/" + taskId + ".mp4");
    assertThat(storage.resolve("campaigns/spring/" + taskId + ".mp4")).exists();
  }

  @Test
  void anObjectKeyThatBreaksTheRulesIsInvalidInputAndKeepsTheTaskId() {
    long instance = engine.start(TEXT, Map.of("prompt", "A dragon", "objectKey", "../escape.mp4"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_invalid_input");
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("message").asText()).contains("'../escape.mp4' is not allowed");
    assertThat(error.path("taskId").asText())
        .isEqualTo(
            engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText());
  }

  @Test
  void aTaskStillOnTemplateVersionTwoKeepsItsFileNameInput() throws Exception {
    // The download task as template version 2 wrote it: a fileName input, no objectKey.
    String v3 = Files.readString(Path.of("bpmn", TEXT + ".bpmn"));
    String v2 =
        v3.replace("id=\"" + TEXT + "\"", "id=\"legacy-text-to-video\"")
            .replace(
                "<zeebe:input source=\"=if objectKey = null then &#34;{taskId}.mp4&#34; else"
                    + " objectKey\" target=\"objectKey\" />",
                "<zeebe:input source=\"legacy-{taskId}.mp4\" target=\"fileName\" />");
    assertThat(v2).contains("target=\"fileName\"").doesNotContain("target=\"objectKey\"");
    Path folder = Files.createDirectories(storage.resolve("legacy-process"));
    Files.writeString(folder.resolve("legacy.bpmn"), v2);
    engine.deployProcesses(folder);

    long instance = engine.start("legacy-text-to-video", Map.of("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    assertThat(engine.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT).path("key").asText())
        .isEqualTo("legacy-" + taskId + ".mp4");
    assertThat(storage.resolve("legacy-" + taskId + ".mp4")).exists();
  }
}

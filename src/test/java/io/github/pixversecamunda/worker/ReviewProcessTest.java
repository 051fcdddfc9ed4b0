package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The review process on the in-memory engine: the reviewer's user task is completed as the job a
 * job-based user task is, with the variables the form pixverse-review-take submits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewProcessTest {

  private static final String REVIEW = ProcessIds.REVIEW;
  private static final PollSchedule FAST =
      new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2));
  // 720p, 5 seconds, the API defaults, cost 90 credits a take.
  private static final int TAKE_CREDITS = 90;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withBundledProcesses().schedule(FAST).openWorkersBeforeEach();

  private EngineHarness engine;
  private PixverseSimulator simulator;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    engine = fixture.engine();
    simulator = fixture.simulator();
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Waits for the review task and completes it as the form would. */
  private ActivatedJob review(Map<String, Object> formValues) {
    ActivatedJob task = engine.awaitUserTask();
    engine.client().newCompleteCommand(task).variables(formValues).send().join();
    return task;
  }

  @Test
  void theFormSubmitsWhatTheProcessReads() throws Exception {
    JsonNode form = JSON.readTree(Files.readString(Path.of("forms", "pixverse-review-take.form")));
    String process = Files.readString(Path.of("bpmn", REVIEW + ".bpmn"));

    // The review task links this form, and the tests below complete it with the form's keys.
    assertThat(process)
        .contains("<zeebe:formDefinition formId=\"" + form.path("id").asText() + "\" />");
    List<String> keys = new ArrayList<>();
    form.path("components")
        .forEach(
            c -> {
              if (c.has("key")) keys.add(c.path("key").asText());
            });
    assertThat(keys).containsExactlyInAnyOrder("decision", "prompt", "seed", "reviewComment");
    List<String> decisions = new ArrayList<>();
    form.path("components")
        .forEach(c -> c.path("values").forEach(v -> decisions.add(v.path("value").asText())));
    assertThat(decisions).containsExactlyInAnyOrder("approve", "retake", "reject");
    assertThat(process).contains("=decision = \"approve\"").contains("=decision = \"retake\"");
  }

  @Test
  void approvedFirstTakeEndsApprovedAndTheReviewerSawIt() {
    long instance = engine.start(REVIEW, vars("prompt", "A lighthouse in a storm", "seed", 42));

    ActivatedJob task = review(vars("decision", "approve", "reviewComment", "good"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.REVIEW_END_APPROVED);
    // What the form shows: the take's video, prompt, seed and the credits spent so far.
    Map<String, Object> shown = task.getVariablesAsMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> take = (Map<String, Object>) shown.get("lastTake");
    assertThat((String) take.get("videoUrl")).endsWith(".mp4");
    assertThat(take.get("prompt")).isEqualTo("A lighthouse in a storm");
    assertThat(take.get("seed")).isEqualTo(42);
    assertThat(take.get("state")).isEqualTo("COMPLETED");
    assertThat(shown.get("creditsSpent")).isEqualTo(TAKE_CREDITS);
    assertThat(engine.variable(instance, "takes").asInt()).isEqualTo(1);
    assertThat(engine.variable(instance, "reviewComment").asText()).isEqualTo("good");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void anotherTakeUsesTheChangedPromptAndSeed() {
    long instance =
        engine.start(
            REVIEW, vars("prompt", "A lighthouse " + PixverseSimulator.FAIL_MARKER, "seed", 1));

    review(vars("decision", "retake", "prompt", "A lighthouse at dawn", "seed", 2));
    review(vars("decision", "approve"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.REVIEW_END_APPROVED);
    JsonNode history = engine.variable(instance, "takeHistory");
    assertThat(history).hasSize(2);
    // The first take failed at PixVerse (the simulator fails prompts with the marker); the second,
    // with the reviewer's prompt, succeeded: the new prompt and seed reached the worker.
    assertThat(history.get(0).path("state").asText()).isEqualTo("FAILED");
    assertThat(history.get(1).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(history.get(1).path("prompt").asText()).isEqualTo("A lighthouse at dawn");
    assertThat(history.get(1).path("seed").asInt()).isEqualTo(2);
    // What the submit worker sent for each take, found by the take's PixVerse task id.
    List<String> taskIds =
        List.of(history.get(0).path("taskId").asText(), history.get(1).path("taskId").asText());
    assertThat(
            engine.allValues(Variables.DEFAULT_SUBMIT_RESULT).stream()
                .filter(p -> taskIds.contains(p.path("taskId").asText()))
                .map(p -> p.path("parameters").path("seed").asInt())
                .distinct())
        .containsExactly(1, 2);
    assertThat(engine.variable(instance, "takes").asInt()).isEqualTo(2);
    assertThat(simulator.tasksCreated()).isEqualTo(2);
  }

  @Test
  void aTakeThatWouldPassTheTotalBudgetIsNotSubmitted() {
    // 200 credits pay for two takes of 90; the third would pass the budget.
    long instance =
        engine.start(REVIEW, vars("prompt", "A lighthouse", "maxTotalCredits", 200, "maxTakes", 5));

    review(vars("decision", "retake", "prompt", "A lighthouse, take two"));
    review(vars("decision", "retake", "prompt", "A lighthouse, take three"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance))
        .containsExactly(ProcessIds.REVIEW_END_TOTAL_BUDGET_REACHED);
    assertThat(simulator.tasksCreated()).isEqualTo(2);
    assertThat(simulator.creditsSpent()).isEqualTo(2 * TAKE_CREDITS);
    assertThat(engine.variable(instance, "creditsSpent").asInt()).isEqualTo(2 * TAKE_CREDITS);
    // The third take's submit was told what was left of the budget.
    assertThat(engine.allValues(instance, Variables.MAX_CREDITS).stream().map(JsonNode::asInt))
        .containsExactly(200, 110, 20);
  }

  @Test
  void theTakesEndAtMaxTakes() {
    long instance = engine.start(REVIEW, vars("prompt", "A lighthouse", "maxTakes", 2));

    review(vars("decision", "retake", "prompt", "A lighthouse, take two"));
    review(vars("decision", "retake", "prompt", "A lighthouse, take three"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.REVIEW_END_OUT_OF_TAKES);
    assertThat(simulator.tasksCreated()).isEqualTo(2);
  }

  @Test
  void rejectedTakeEndsRejectedWithoutAnotherTake() {
    long instance = engine.start(REVIEW, vars("prompt", "A lighthouse"));

    review(vars("decision", "reject", "reviewComment", "wrong mood"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.REVIEW_END_REJECTED);
    assertThat(engine.variable(instance, "decision").asText()).isEqualTo("reject");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }
}

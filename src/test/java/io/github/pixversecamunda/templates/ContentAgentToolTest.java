package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.github.pixversecamunda.api.Credits;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.EngineHarness.AdHocActivation;
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
import java.util.UUID;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The video tool of bpmn/examples/pixverse-content-agent.bpmn, with the test playing the AI Agent
 * at the protocol level, the way Camunda's AI Agent connector does it: it takes the job of the
 * ad-hoc sub-process (type io.camunda.agenticai:aiagent-job-worker:1), reads the tool descriptions
 * the engine derives from the fromAi(...) calls (adHocSubProcessElements), completes the job with a
 * job result that activates the tool with a toolCall variable, and reads the tool's answer from
 * toolCallResults in the next job of the sub-process. The workers and the simulator do the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentAgentToolTest {

  private static final String PROCESS = ProcessIds.CONTENT_AGENT;
  private static final String AGENT_JOB = "io.camunda.agenticai:aiagent-job-worker:1";
  private static final String TOOL = ProcessIds.AGENT_TOOL_MAKE_VIDEO;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.deploying(Path.of("bpmn"), Path.of("bpmn", "examples"))
          .schedule(new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2)))
          .openWorkersBeforeEach();

  private EngineHarness engine;
  private PixverseSimulator simulator;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    engine = fixture.engine();
    simulator = fixture.simulator();
  }

  /** The next job of the agent's ad-hoc sub-process in this instance, as the connector takes it. */
  private ActivatedJob nextAgentJob(long instance) {
    List<ActivatedJob> found = new ArrayList<>();
    await()
        .atMost(EngineHarness.WAIT)
        .until(
            () -> {
              engine
                  .client()
                  .newActivateJobsCommand()
                  .jobType(AGENT_JOB)
                  .maxJobsToActivate(10)
                  .timeout(Duration.ofMinutes(10))
                  .send()
                  .join()
                  .getJobs()
                  .forEach(
                      job -> {
                        if (job.getProcessInstanceKey() == instance) {
                          found.add(job);
                        }
                      });
              return !found.isEmpty();
            });
    return found.get(0);
  }

  private static Map<String, Object> toolCall(Object... arguments) {
    Map<String, Object> call = new HashMap<>();
    call.put("_meta", Map.of("id", "call_" + UUID.randomUUID(), "name", TOOL));
    for (int i = 0; i < arguments.length; i += 2) {
      call.put((String) arguments[i], arguments[i + 1]);
    }
    return call;
  }

  /** The model asks for these tool calls at once; returns their results in the same order. */
  private List<JsonNode> callTools(long instance, ActivatedJob job, List<Map<String, Object>> calls)
      throws Exception {
    List<AdHocActivation> activations = new ArrayList<>();
    for (Map<String, Object> call : calls) {
      // As the connector does: an empty toolCallResult in the tool's scope, so that the tool's
      // answer stays there instead of rising to the agent's scope.
      activations.add(new AdHocActivation(TOOL, Map.of("toolCall", call, "toolCallResult", "")));
    }
    engine.completeAdHocSubProcessJob(job.getKey(), Map.of(), activations, false);
    List<JsonNode> results = new ArrayList<>();
    while (true) {
      ActivatedJob next = nextAgentJob(instance);
      results.clear();
      JSON.readTree(next.getVariables()).path("toolCallResults").forEach(r -> results.add(r));
      List<String> ids = calls.stream().map(c -> idOf(c)).toList();
      if (results.stream().map(r -> r.path("id").asText()).toList().containsAll(ids)) {
        lastJob = next;
        List<JsonNode> ordered = new ArrayList<>();
        for (String id : ids) {
          ordered.add(
              results.stream()
                  .filter(r -> r.path("id").asText().equals(id))
                  .findFirst()
                  .orElseThrow()
                  .path("content"));
        }
        return ordered;
      }
      // Not all answers are in yet: the agent waits for the others, as the connector does.
      engine.completeAdHocSubProcessJob(next.getKey(), Map.of(), List.of(), false);
    }
  }

  private ActivatedJob lastJob;

  @SuppressWarnings("unchecked")
  private static String idOf(Map<String, Object> call) {
    return ((Map<String, String>) call.get("_meta")).get("id");
  }

  private void finish(long instance) {
    engine.completeAdHocSubProcessJob(
        lastJob.getKey(), Map.of("agent", Map.of("responseText", "Posted.")), List.of(), true);
    engine.awaitCompleted(instance);
  }

  @Test
  void theModelSeesTheToolAndItsInputsReachTheGeneration() throws Exception {
    long instance = engine.start(PROCESS, Map.of("post", "Spring sale at the bakery"));
    ActivatedJob first = nextAgentJob(instance);

    // What the connector turns into the model's tool definition: the engine derives it.
    JsonNode elements = JSON.readTree(first.getVariables()).path("adHocSubProcessElements");
    assertThat(elements).hasSize(1);
    JsonNode tool = elements.get(0);
    assertThat(tool.path("elementId").asText()).isEqualTo(TOOL);
    assertThat(tool.path("documentation").asText()).contains("costs nothing");
    List<String> parameters = new ArrayList<>();
    tool.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
    assertThat(parameters)
        .containsExactly(
            "toolCall.prompt",
            "toolCall.negativePrompt",
            "toolCall.resolution",
            "toolCall.duration",
            "toolCall.aspectRatio",
            "toolCall.generateAudio");
    assertThat(tool.path("parameters").get(2).path("schema").path("enum").toString())
        .isEqualTo("[\"360p\",\"540p\",\"720p\",\"1080p\"]");
    assertThat(tool.path("parameters").get(0).path("description").asText()).isNotBlank();

    JsonNode result =
        callTools(
                instance,
                first,
                List.of(
                    toolCall(
                        "prompt", "Croissants on a sunny counter",
                        "resolution", "540p",
                        "duration", 8,
                        "aspectRatio", "9:16")))
            .get(0);

    assertThat(result.path("outcome").asText()).isEqualTo("VIDEO_READY");
    assertThat(result.path("creditsSpent").asInt())
        .isEqualTo(Credits.estimate(Resolution.P540, VideoDuration.S8, false));
    assertThat(result.path("creditsLeft").asInt()).isEqualTo(300 - 140);
    assertThat(result.path("videosLeft").asInt()).isEqualTo(2);
    assertThat(result.path("videoUrl").asText()).startsWith("http");
    assertThat(result.path("file").asText()).endsWith(".mp4");
    assertThat(result.path("taskId").asText()).isNotEmpty();
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    JsonNode submitted = engine.latestVariable(Variables.DEFAULT_SUBMIT_RESULT).path("parameters");
    assertThat(submitted.path("prompt").asText()).isEqualTo("Croissants on a sunny counter");
    assertThat(submitted.path("resolution").asText()).isEqualTo("540p");
    assertThat(submitted.path("duration").asInt()).isEqualTo(8);
    assertThat(submitted.path("aspectRatio").asText()).isEqualTo("9:16");
    // The granted video goes out with its reserved cost as its own budget.
    long called = engine.calledInstances(instance).iterator().next();
    assertThat(engine.variables(called).get(Variables.MAX_CREDITS).asInt()).isEqualTo(140);

    finish(instance);
    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.AGENT_END_POST_DONE);
    // The tool's working variables stayed inside the tool.
    assertThat(engine.variables(instance))
        .doesNotContainKeys(
            Variables.DEFAULT_SUBMIT_RESULT,
            Variables.DEFAULT_DOWNLOAD_RESULT,
            "videoRequest",
            "toolCallResult");
  }

  @Test
  void theDesignersLimitsHoldWhenTheModelAsksForMore() throws Exception {
    long instance = engine.start(PROCESS, Map.of("post", "Launch of the new bike"));

    List<JsonNode> results =
        callTools(
            instance,
            nextAgentJob(instance),
            List.of(
                // Above the run's resolution ceiling (720p).
                toolCall("prompt", "A bike in the mountains", "resolution", "1080p"),
                // 720p, 10 s and audio: 360 credits, above the run's budget of 300.
                toolCall(
                    "prompt",
                    "A bike in the city",
                    "resolution",
                    "720p",
                    "duration",
                    10,
                    "generateAudio",
                    true),
                // Neither a resolution nor a duration PixVerse knows.
                toolCall("prompt", "A bike at night", "resolution", "4k", "duration", 7)));

    assertThat(results)
        .allSatisfy(r -> assertThat(r.path("outcome").asText()).isEqualTo("REFUSED"));
    assertThat(results.get(0).path("message").asText())
        .contains("up to 720p")
        .contains("360p, 540p, 720p");
    assertThat(results.get(1).path("message").asText())
        .contains("would cost 360 credits")
        .contains("300 of the 300 credits");
    assertThat(results.get(2).path("message").asText()).contains("resolution must be one of");
    assertThat(results).allSatisfy(r -> assertThat(r.path("creditsSpent").asInt()).isZero());
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();

    finish(instance);
  }

  @Test
  void theRunBudgetStopsTheThirdOfThreeCallsThatDoNotFitTogether() throws Exception {
    // 200 credits for the run: two 720p 5 s videos (90 each) fit, the third does not.
    long instance =
        engine.start(
            PROCESS, Map.of("post", "Three flavours of ice cream", "videoCreditBudget", 200));

    List<JsonNode> results =
        callTools(
            instance,
            nextAgentJob(instance),
            List.of(
                toolCall("prompt", "Vanilla ice cream"),
                toolCall("prompt", "Chocolate ice cream"),
                toolCall("prompt", "Strawberry ice cream")));

    List<String> outcomes = results.stream().map(r -> r.path("outcome").asText()).toList();
    assertThat(outcomes).containsExactlyInAnyOrder("VIDEO_READY", "VIDEO_READY", "REFUSED");
    JsonNode refused =
        results.stream()
            .filter(r -> r.path("outcome").asText().equals("REFUSED"))
            .findFirst()
            .get();
    assertThat(refused.path("message").asText())
        .contains("would cost 90 credits")
        .contains("20 of the 200");
    assertThat(simulator.tasksCreated()).isEqualTo(2);
    assertThat(
            results.stream()
                .filter(r -> r.path("outcome").asText().equals("VIDEO_READY"))
                .mapToInt(r -> r.path("creditsSpent").asInt())
                .sum())
        .isEqualTo(180);

    finish(instance);
  }

  @Test
  void theNumberOfVideosPerRunIsTheDesignersAndAnInvalidInputIsAReadableAnswer() throws Exception {
    long instance = engine.start(PROCESS, Map.of("post", "Our new office", "videoLimit", 1));

    // An empty prompt reaches the submit worker, which refuses it before anything is paid.
    JsonNode invalid =
        callTools(instance, nextAgentJob(instance), List.of(toolCall("prompt", " "))).get(0);
    assertThat(invalid.path("outcome").asText()).isEqualTo("PIXVERSE_INVALID_INPUT");
    assertThat(invalid.path("message").asText()).startsWith("Not generated: ").contains("prompt");
    // Nothing was paid, so the credits and the video's place are given back.
    assertThat(invalid.path("creditsSpent").asInt()).isZero();
    assertThat(invalid.path("creditsLeft").asInt()).isEqualTo(300);
    assertThat(invalid.path("videosLeft").asInt()).isEqualTo(1);

    JsonNode made =
        callTools(instance, lastJob, List.of(toolCall("prompt", "An office with plants"))).get(0);
    assertThat(made.path("outcome").asText()).isEqualTo("VIDEO_READY");
    assertThat(made.path("videosLeft").asInt()).isZero();

    JsonNode second =
        callTools(instance, lastJob, List.of(toolCall("prompt", "The office at night"))).get(0);
    assertThat(second.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(second.path("message").asText()).contains("at most 1 videos");
    assertThat(simulator.tasksCreated()).isEqualTo(1);

    finish(instance);
  }

  /** The tool prices a video with the credit table: the same figure as the submit worker's. */
  @Test
  void theToolsPriceIsTheCreditTable() {
    ScriptTask check =
        Bpmn.readModelFromFile(Path.of("bpmn", "examples", PROCESS + ".bpmn").toFile())
            .getModelElementById("check_limits");
    String expression =
        check.getSingleExtensionElement(ZeebeScript.class).getExpression().substring(1);
    FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    for (Resolution resolution : Resolution.values()) {
      for (VideoDuration duration : VideoDuration.values()) {
        for (boolean audio : new boolean[] {false, true}) {
          Map<String, Object> variables = new HashMap<>();
          variables.put("resolution", resolution.wire());
          variables.put("duration", duration.seconds());
          variables.put("generateAudio", audio);
          variables.put("videoMaxResolution", "1080p");
          variables.put("videoCreditBudget", 10_000);
          variables.put("videoCreditsReserved", 0);
          variables.put("videosStarted", 0);
          variables.put("videoLimit", 3);
          EvaluationResult result = feel.evaluateExpression(expression, variables);
          assertThat(result.isSuccess()).as(result.toString()).isTrue();
          @SuppressWarnings("unchecked")
          Map<String, Object> checked = (Map<String, Object>) result.result();
          assertThat(((Number) checked.get("cost")).intValue())
              .as(resolution + " " + duration + " audio " + audio)
              .isEqualTo(Credits.estimate(resolution, duration, audio));
          assertThat(checked.get("invalid")).isNull();
        }
      }
    }
  }
}

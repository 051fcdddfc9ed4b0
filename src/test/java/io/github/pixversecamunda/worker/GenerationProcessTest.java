package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.github.pixversecamunda.api.Credits;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ready-made processes on the in-memory engine, with the workers and the simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerationProcessTest {

  private static final String TEXT = ProcessIds.TEXT_TO_VIDEO;
  private static final String IMAGE = ProcessIds.IMAGE_TO_VIDEO;
  private static final PollSchedule FAST =
      new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2));

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;
  private PixverseClient api;
  private VideoDownloader downloader;
  private Path storage;

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    this.fixture = fixture;
    engine = fixture.engine();
    simulator = fixture.simulator();
    api = fixture.api();
    downloader = fixture.downloader();
    storage = fixture.storage();
  }

  private void openWorkers() {
    fixture.openWorkers(api, downloader);
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void textToVideoHappyPath() throws Exception {
    openWorkers();

    long instance =
        engine.start(
            TEXT,
            vars(
                "prompt",
                "A dragon flying over a medieval castle",
                "resolution",
                "1080p",
                "duration",
                8,
                "generateAudio",
                true,
                "seed",
                7));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    JsonNode status = engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT);
    JsonNode submit = engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT);
    assertThat(status.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(status.path("videoUrl").asText())
        .isEqualTo(simulator.fileUrl(submit.path("taskId").asText() + ".mp4"));
    assertThat(submit.path("estimatedCredits").asInt()).isEqualTo(600);
    assertThat(submit.path("parameters").path("resolution").asText()).isEqualTo("1080p");
    assertThat(submit.path("parameters").path("duration").asInt()).isEqualTo(8);
    assertThat(submit.path("mode").asText()).isEqualTo("text");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    assertThat(simulator.creditsSpent()).isEqualTo(600);
    JsonNode file = engine.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT);
    Path kept = Path.of(file.path("path").asText());
    assertThat(kept).isEqualTo(storage.resolve(submit.path("taskId").asText() + ".mp4"));
    assertThat(Files.readAllBytes(kept)).isEqualTo(simulator.sampleVideo());
    assertThat(file.path("sha256").asText())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(simulator.sampleVideo())));
    assertThat(file.path("sizeBytes").asLong()).isEqualTo(simulator.sampleVideo().length);
    assertThat(simulator.downloadsWithCredentials()).isZero();
  }

  @Test
  void imageToVideoHappyPath() {
    openWorkers();

    long instance =
        engine.start(
            IMAGE,
            vars(
                "prompt",
                "The castle comes alive",
                "imageUrl",
                "https://example.org/castle.png",
                "aspectRatio",
                "9:16"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    JsonNode submit = engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT);
    assertThat(submit.path("mode").asText()).isEqualTo("image");
    assertThat(submit.path("parameters").path("imageUrl").asText())
        .isEqualTo("https://example.org/castle.png");
    assertThat(engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("videoUrl").asText())
        .endsWith(".mp4");
  }

  @Test
  void imageProcessWithoutImageIsInvalidInput() {
    openWorkers();

    long instance = engine.start(IMAGE, vars("prompt", "The castle comes alive"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_INVALID_INPUT);
    assertThat(engine.variable(instance, Variables.ERROR).path("message").asText())
        .contains("imageUrl: is required when mode is image");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void timerLoopsUntilTheVideoIsReady() {
    simulator.completeOnPoll(3);
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A slow dragon"));
    // The check right after the submit asks nothing (checks 0); the API is asked three times after
    // it.
    for (int check = 0; check <= 2; check++) {
      engine.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
      JsonNode status = engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT);
      assertThat(status.path("state").asText()).isEqualTo("RUNNING");
      assertThat(status.path("checks").asInt()).isEqualTo(check);
      Duration wait = Duration.parse(status.path("nextPollIn").asText());
      assertThat(wait).isBetween(FAST.floor(), FAST.ceiling());
      engine.increaseTime(wait);
      int passes = check + 1;
      await()
          .atMost(EngineHarness.WAIT)
          .until(() -> engine.timesPassed(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK) == passes);
    }
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("checks").asInt())
        .isEqualTo(3);
    assertThat(engine.timesPassed(instance, ProcessIds.AWAIT_TASK)).isEqualTo(4);
    assertThat(simulator.requests(Endpoint.STATUS)).isEqualTo(3);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void generationFailureEndsAtItsEndEvent() {
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon [fail]"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_GENERATION_FAILED);
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.GENERATION_FAILED);
    assertThat(error.path("taskId").asText())
        .isEqualTo(
            engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText());
    assertThat(error.path("reason").asText()).contains("simulated model error");
  }

  @Test
  void contentRejectionEndsAtItsEndEvent() {
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon [reject]"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_CONTENT_REJECTED);
    assertThat(engine.variable(instance, Variables.ERROR).path("code").asText())
        .isEqualTo(ErrorCodes.CONTENT_REJECTED);
  }

  @Test
  void invalidInputEndsAtItsEndEventWithoutAnyRequest() {
    openWorkers();

    long instance =
        engine.start(
            TEXT, vars("prompt", "A dragon", "resolution", "4k", "duration", 7, "seed", -1));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_INVALID_INPUT);
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("message").asText())
        .contains("resolution: '4k' is not allowed; allowed values: 360p, 540p, 720p, 1080p")
        .contains("duration")
        .contains("seed");
    assertThat(error.path("violations")).hasSize(3);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
    assertThat(simulator.requests(Endpoint.STATUS)).isZero();
  }

  @Test
  void budgetExceededEndsAtItsEndEventWithoutAnyRequest() {
    openWorkers();

    long instance =
        engine.start(TEXT, vars("prompt", "A dragon", "resolution", "1080p", "maxCredits", 100));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_BUDGET_EXCEEDED);
    assertThat(engine.variable(instance, Variables.ERROR).path("message").asText())
        .contains("150 credits exceeds the budget of 100");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void rateLimitedTwiceThenAcceptedSubmitsOneTask() {
    simulator.inject(Endpoint.SUBMIT, 2, Fault.status(429, Duration.ofSeconds(1)));
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(3);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void deadlineEndsAGenerationThatTakesTooLong() {
    simulator.completeOnPoll(Integer.MAX_VALUE);
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon", "deadline", "PT5M"));
    engine.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
    engine.increaseTime(Duration.ofMinutes(6));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_DEADLINE_PASSED);
  }

  @Test
  void defaultDeadlineIsTwentyMinutes() {
    simulator.completeOnPoll(Integer.MAX_VALUE);
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    engine.awaitWaitingAt(instance, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
    engine.increaseTime(Duration.ofMinutes(19));
    await()
        .pollDelay(Duration.ofMillis(500))
        .atMost(EngineHarness.WAIT)
        .until(() -> engine.isWaitingAt(instance, ProcessIds.GENERATE_VIDEO));
    assertThat(engine.isCompleted(instance)).isFalse();
    engine.increaseTime(Duration.ofMinutes(2));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_DEADLINE_PASSED);
  }

  @Test
  void submitWhoseOutcomeIsUnknownRaisesAnIncidentAndIsNotResent() throws InterruptedException {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.dropAfterRead());
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.incidents(instance).isEmpty());
    Thread.sleep(1500);

    assertThat(engine.incidents(instance))
        .singleElement()
        .asString()
        .contains("a paid task may exist")
        .contains(Variables.SUBMITTED_TASK_ID);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void rejectedKeyRaisesAnIncidentWithoutTheKey() {
    api =
        new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), "aio_wrong_secret_key_42"));
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.incidents(instance).isEmpty());

    assertThat(engine.incidents(instance))
        .singleElement()
        .asString()
        .contains("authentication")
        .contains("pixverse.api-key")
        .doesNotContain("aio_wrong_secret_key_42");
    assertThat(engine.allErrorMessages())
        .noneMatch(m -> m != null && m.contains("aio_wrong_secret_key_42"));
    assertThat(engine.allVariableValues()).noneMatch(v -> v.contains("aio_wrong_secret_key_42"));
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void aRedeliveredSubmitJobDoesNotSubmitAgain() {
    // The first completion is lost (as if the worker crashed right after the API accepted the
    // submit):
    // Zeebe hands the job out again after its timeout, and the second delivery must not pay again.
    AtomicInteger completions = new AtomicInteger();
    JobOutcomeSender losesFirstCompletion =
        (client, job, outcome) -> {
          if (outcome instanceof JobOutcome.Complete && completions.incrementAndGet() == 1) {
            return CompletableFuture.completedFuture(null);
          }
          return JobOutcomeSender.ZEEBE.send(client, job, outcome);
        };
    fixture.closeAfterTest(
        engine
            .client()
            .newWorker()
            .jobType(JobTypes.SUBMIT_VIDEO)
            .handler(
                new SubmitVideoHandler(
                    api,
                    TaskVariables.of(engine.client()),
                    losesFirstCompletion,
                    Clock.systemUTC(),
                    WorkerEvents.NONE))
            .timeout(Duration.ofSeconds(2))
            .fetchVariables(Variables.SUBMIT_FETCH)
            .open());
    fixture.closeAfterTest(
        engine
            .client()
            .newWorker()
            .jobType(JobTypes.AWAIT_TASK)
            .handler(new AwaitTaskHandler(api, FAST, WorkerEvents.NONE))
            .fetchVariables(Variables.AWAIT_FETCH)
            .open());
    fixture.closeAfterTest(
        engine
            .client()
            .newWorker()
            .jobType(JobTypes.DOWNLOAD_VIDEO)
            .handler(new DownloadVideoHandler(downloader, api.config(), WorkerEvents.NONE))
            .fetchVariables(Variables.DOWNLOAD_FETCH)
            .open());

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    assertThat(completions.get()).isEqualTo(2);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    JsonNode submit = engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT);
    assertThat(submit.path("resumed").asBoolean()).isTrue();
    // The resumed result keeps the time of the one accepted submit, which the waiting is based on.
    assertThat(submit.path("submittedAt").asText())
        .isEqualTo(
            engine.allValues(instance, Variables.SUBMITTED_AT).stream()
                .filter(JsonNode::isTextual)
                .findFirst()
                .orElseThrow()
                .asText());
    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
  }

  @Test
  void expiredVideoUrlEndsAtItsEndEvent() throws IOException {
    simulator.inject(Endpoint.DOWNLOAD, 1, Fault.status(410));
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_EXPIRED);
    assertThat(engine.variable(instance, Variables.ERROR).path("code").asText())
        .isEqualTo(ErrorCodes.VIDEO_EXPIRED);
    assertThat(listStorage()).isEmpty();
  }

  @Test
  void truncatedDownloadIsRetriedAndLeavesNoPartialFile() throws IOException {
    simulator.inject(Endpoint.DOWNLOAD, 1, Fault.dropAfterRead());
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> simulator.requests(Endpoint.DOWNLOAD) == 1);
    await()
        .atMost(EngineHarness.WAIT)
        .until(
            () ->
                engine.allErrorMessages().stream()
                    .anyMatch(m -> m != null && m.contains("no partial file was kept")));
    assertThat(listStorage()).isEmpty();
    engine.increaseTime(Duration.ofSeconds(31)); // the task's retry backoff
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isEqualTo(2);
    assertThat(listStorage())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText()
                + ".mp4");
  }

  @Test
  void videoUrlOnAnInternalAddressIsRefusedWithoutAConnection() throws IOException {
    downloader =
        VideoDownloader.intoDirectory(DownloadSettings.of(storage)); // loopback not allowed
    openWorkers();

    long instance = engine.start(TEXT, vars("prompt", "A dragon"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_DOWNLOAD_REFUSED);
    JsonNode error = engine.variable(instance, Variables.ERROR);
    assertThat(error.path("code").asText()).isEqualTo(ErrorCodes.DOWNLOAD_REFUSED);
    assertThat(error.path("message").asText()).contains("loopback");
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isZero();
    assertThat(listStorage()).isEmpty();
  }

  private List<Path> listStorage() throws IOException {
    try (var files = Files.list(storage)) {
      return files.toList();
    }
  }

  @Test
  void batchOfFivePromptsGivesFiveResultsInOrder() {
    openWorkers();
    List<String> prompts = List.of("one", "two", "three [fail]", "four", "five");

    long instance = engine.start(ProcessIds.BATCH, vars("prompts", prompts, "maxConcurrent", 2));
    engine.awaitCompleted(instance);

    JsonNode results = engine.variable(instance, "results");
    assertThat(results).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(results.get(i).path("prompt").asText()).isEqualTo(prompts.get(i));
    }
    assertThat(results.get(0).path("videoUrl").asText()).endsWith(".mp4");
    assertThat(Path.of(results.get(0).path("file").asText())).exists();
    assertThat(results.get(2).path("error").path("code").asText())
        .isEqualTo(ErrorCodes.GENERATION_FAILED);
    assertThat(simulator.tasksCreated()).isEqualTo(5);
    // Two lanes, not three rounds: prompts 1, 3, 5 in one lane and 2, 4 in the other.
    assertThat(engine.variable(instance, "lanes")).hasSize(2);
    assertThat(engine.variable(instance, "lanes").get(0).path("indices").toString())
        .isEqualTo("[1,3,5]");
    assertThat(engine.variable(instance, "creditsSpent").asInt()).isEqualTo(5 * 90);
    // Without maxTotalCredits every video is still reserved and settled: the counter ends at what
    // was spent.
    assertThat(engine.variable(instance, "creditsReserved").asInt()).isEqualTo(5 * 90);
  }

  @Test
  void batchBudgetLeavesTheVideosThatWouldPassItUnstarted() {
    openWorkers();
    List<String> prompts = List.of("one", "two", "three", "four");

    // 720p 5 s costs 90 credits: 200 pays for two videos, the other two are never submitted.
    long instance =
        engine.start(
            ProcessIds.BATCH, vars("prompts", prompts, "maxConcurrent", 1, "maxTotalCredits", 200));
    engine.awaitCompleted(instance);

    JsonNode results = engine.variable(instance, "results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(results.get(1).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(results.get(2).path("state").asText()).isEqualTo("NOT_STARTED");
    assertThat(results.get(3).path("state").asText()).isEqualTo("NOT_STARTED");
    assertThat(results.get(3).path("prompt").asText()).isEqualTo("four");
    assertThat(results.get(3).path("credits").asInt()).isZero();
    assertThat(results.get(3).path("error").path("code").asText())
        .isEqualTo(ErrorCodes.BUDGET_EXCEEDED);
    assertThat(results.get(3).path("error").path("message").asText())
        .isEqualTo(
            "The estimated cost of 90 credits exceeds the 20 credits left of the batch budget of 200"
                + " credits (maxTotalCredits); nothing was submitted");
    assertThat(simulator.tasksCreated()).isEqualTo(2);
    assertThat(engine.variable(instance, "creditsSpent").asInt()).isEqualTo(180);
  }

  @Test
  void batchBudgetIsAHardLimitWhileLanesRunAtTheSameTime() {
    openWorkers();
    List<String> prompts = List.of("one", "two", "three", "four", "five", "six");

    // Three lanes start at once, each with a 90-credit video: 300 pays for three, not for six.
    long instance =
        engine.start(
            ProcessIds.BATCH, vars("prompts", prompts, "maxConcurrent", 3, "maxTotalCredits", 300));
    engine.awaitCompleted(instance);

    JsonNode results = engine.variable(instance, "results");
    assertThat(results).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i + 1);
      assertThat(results.get(i).path("prompt").asText()).isEqualTo(prompts.get(i));
      assertThat(results.get(i).path("state").asText())
          .isEqualTo(i < 3 ? "COMPLETED" : "NOT_STARTED");
    }
    assertThat(simulator.tasksCreated()).isEqualTo(3);
    int estimated = 0;
    for (JsonNode result : results) {
      estimated += result.path("credits").asInt();
    }
    assertThat(estimated).isEqualTo(270).isLessThanOrEqualTo(300);
    assertThat(simulator.creditsSpent()).isEqualTo(270);
    assertThat(engine.variable(instance, "creditsSpent").asInt()).isEqualTo(270);
    // The three lanes really overlapped: all three videos had started before the first one ended.
    List<String> videoSteps =
        engine.elementLifecycle(instance, ProcessIds.BATCH_GENERATE_ONE_VIDEO);
    assertThat(videoSteps.subList(0, 3)).containsOnly("ELEMENT_ACTIVATED");
    // One counter for the whole batch: every write of creditsReserved went to the process
    // instance's own scope, none to a lane or a video (a lane's copy would have let each lane spend
    // up to 300), and it never passed the budget. The only other writes are the copies a call
    // activity keeps of its child's variables, for its output mappings, until it completes.
    List<EngineHarness.VariableWrite> counter = engine.variableWrites(instance, "creditsReserved");
    assertThat(
            counter.stream()
                .filter(v -> v.scopeKey() != instance)
                .map(v -> engine.elementIdOf(v.scopeKey())))
        .containsOnly(ProcessIds.BATCH_GENERATE_ONE_VIDEO);
    assertThat(
            counter.stream()
                .filter(v -> v.scopeKey() == instance)
                .map(EngineHarness.VariableWrite::value))
        .containsExactly("0", "90", "180", "270");
  }

  @Test
  void batchVideoRefusedByItsOwnMaxCreditsGivesItsReservationBack() {
    openWorkers();
    List<String> prompts = List.of("one", "two", "three");

    // Each video is passed the lower of its reserved cost (90) and the caller's maxCredits (50).
    long instance =
        engine.start(
            ProcessIds.BATCH,
            vars("prompts", prompts, "maxConcurrent", 3, "maxTotalCredits", 300, "maxCredits", 50));
    engine.awaitCompleted(instance);

    JsonNode results = engine.variable(instance, "results");
    assertThat(results)
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.path("state").asText()).isEqualTo("NOT_STARTED");
              assertThat(r.path("error").path("message").asText())
                  .contains("budget of 50 credits (maxCredits)");
            });
    assertThat(simulator.tasksCreated()).isZero();
    assertThat(engine.variable(instance, "creditsSpent").asInt()).isZero();
    assertThat(engine.variable(instance, "creditsReserved").asInt()).isZero();
  }

  @Test
  void batchVideoTheCreditTableCannotPriceIsNotSubmitted() {
    openWorkers();

    long instance =
        engine.start(
            ProcessIds.BATCH,
            vars("prompts", List.of("one"), "maxTotalCredits", 1000, "resolution", "4k"));
    engine.awaitCompleted(instance);

    JsonNode result = engine.variable(instance, "results").get(0);
    assertThat(result.path("state").asText()).isEqualTo("NOT_STARTED");
    assertThat(result.path("error").path("code").asText()).isEqualTo(ErrorCodes.INVALID_INPUT);
    assertThat(simulator.tasksCreated()).isZero();
    assertThat(engine.variable(instance, "creditsReserved").asInt()).isZero();
  }

  @Test
  void batchCreditTableIsCreditsEstimateForEveryCombination() {
    String expression = batchCreditTable();
    FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    int checked = 0;
    for (Resolution resolution : Resolution.values()) {
      for (VideoDuration duration : VideoDuration.values()) {
        for (boolean audio : new boolean[] {false, true}) {
          int expected = Credits.estimate(resolution, duration, audio);
          assertThat(
                  cost(
                      feel,
                      expression,
                      vars(
                          "resolution",
                          resolution.wire(),
                          "duration",
                          duration.seconds(),
                          "generateAudio",
                          audio)))
              .as("%s %s %s", resolution, duration, audio)
              .isEqualTo(expected);
          // The spellings the submit worker also accepts.
          assertThat(
                  cost(
                      feel,
                      expression,
                      vars(
                          "resolution",
                          " " + resolution.wire().toUpperCase() + " ",
                          "duration",
                          duration.seconds() + ".0",
                          "generateAudio",
                          String.valueOf(audio))))
              .as("%s %s %s as text", resolution, duration, audio)
              .isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(24);
    assertThat(cost(feel, expression, vars()))
        .isEqualTo(Credits.estimate(Resolution.DEFAULT, VideoDuration.DEFAULT, false));
    assertThat(cost(feel, expression, vars("resolution", "", "duration", "", "generateAudio", "")))
        .isEqualTo(Credits.estimate(Resolution.DEFAULT, VideoDuration.DEFAULT, false));
    // Values the submit worker refuses have no price.
    assertThat(cost(feel, expression, vars("resolution", "4k"))).isNull();
    assertThat(cost(feel, expression, vars("duration", 6))).isNull();
    assertThat(cost(feel, expression, vars("duration", "five"))).isNull();
  }

  /** The FEEL of the batch's reserve task, the one place its process prices a video. */
  private static String batchCreditTable() {
    var model = Bpmn.readModelFromFile(Path.of("bpmn", "pixverse-batch.bpmn").toFile());
    var task =
        (io.camunda.zeebe.model.bpmn.instance.ScriptTask)
            model.getModelElementById(ProcessIds.BATCH_RESERVE_CREDITS);
    String expression = task.getSingleExtensionElement(ZeebeScript.class).getExpression();
    assertThat(expression).startsWith("=");
    return expression.substring(1);
  }

  private static Integer cost(
      FeelEngineApi feel, String expression, Map<String, Object> variables) {
    EvaluationResult result = feel.evaluateExpression(expression, variables);
    assertThat(result.isSuccess()).as("%s", result).isTrue();
    return result.result() == null ? null : ((Number) result.result()).intValue();
  }
}

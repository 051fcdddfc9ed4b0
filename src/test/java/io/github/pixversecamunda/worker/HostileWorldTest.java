package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.api.AccountLimits;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.simulator.PixverseSimulator.LimitRefusal;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.Offline;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers and inputs a real system sends sooner or later, through the shipped text-to-video process
 * on the in-memory engine with the real workers: each test is one class of broken promise (the key
 * in a variable, a second payment, a slow or huge answer, an unbounded Retry-After, a list as a
 * prompt, a record from outside the task, an unusable task id, a bad deadline, a status redirect,
 * each shape of the account's limit) and checks the outcome the failure table in docs/failures.md
 * gives it.
 */
class HostileWorldTest {

  private static final String TEXT = "pixverse-text-to-video";
  private static final AccountLimits SHORT_WAITS =
      new AccountLimits(8, Duration.ofMillis(300), Duration.ofSeconds(2));

  private EngineHarness engine;
  private PixverseSimulator simulator;
  private PixverseClient api;
  private final List<Long> started = new ArrayList<>();

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  @BeforeEach
  void openWorkers(EngineFixture fixture) {
    engine = fixture.engine();
    simulator = fixture.simulator();
    api =
        new PixverseClient(
            PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
                .withTimeouts(Offline.TIMEOUT, Offline.TIMEOUT)
                .withLimits(SHORT_WAITS));
    fixture.openWorkers(api, fixture.downloader());
  }

  // Before the fixture closes the workers: no job of this test reaches the next one's workers.
  @AfterEach
  void cancelStartedInstances() {
    for (long instance : started) {
      if (!engine.isCompleted(instance)) {
        engine.cancel(instance);
      }
    }
    started.clear();
  }

  private long start(Map<String, Object> variables) {
    long instance = engine.start(TEXT, variables);
    started.add(instance);
    return instance;
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private void awaitIncident(long instance) {
    await()
        .atMost(EngineHarness.WAIT)
        .until(() -> !engine.openIncidents(instance).isEmpty() || engine.isCompleted(instance));
  }

  private void assertNoVariableHoldsTheKey() {
    assertThat(engine.allVariableValues())
        .noneSatisfy(value -> assertThat(value).contains(simulator.apiKey()));
    assertThat(engine.allErrorMessages())
        .noneSatisfy(message -> assertThat(String.valueOf(message)).contains(simulator.apiKey()));
  }

  // ---- the account's limit: every shape waits, none spends a retry ----------------------------

  @ParameterizedTest
  @EnumSource(LimitRefusal.class)
  void everyShapeOfTheAccountsLimitWaitsAndTheVideoIsPaidOnce(LimitRefusal shape) {
    int port = simulator.port();
    simulator.close();
    // One generation at a time, each running 2 s: the second and third submit meet the limit.
    simulator =
        new PixverseSimulator()
            .generationTime(Duration.ofSeconds(2))
            .accountLimit(1, shape, Duration.ofSeconds(1))
            .start(port);

    List<Long> instances =
        List.of(
            start(vars("prompt", "Limit video 1")),
            start(vars("prompt", "Limit video 2")),
            start(vars("prompt", "Limit video 3")));
    instances.forEach(engine::awaitCompleted);

    assertThat(instances)
        .allSatisfy(
            instance -> {
              assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
              assertThat(engine.incidents(instance)).isEmpty();
            });
    assertThat(simulator.tasksCreated()).isEqualTo(3);
    assertThat(simulator.peakRunning()).isEqualTo(1);
    assertThat(simulator.limitRefusals()).isPositive();
    assertThat(engine.allErrorMessages())
        .anySatisfy(m -> assertThat(String.valueOf(m)).contains("Waiting for the account's limit"));
  }

  @Test
  void aSubmitThatNeverGetsAPlaceWaitsUntilTheDeadlineAndNothingIsPaid() {
    int port = simulator.port();
    simulator.close();
    simulator =
        new PixverseSimulator()
            .accountLimit(0, LimitRefusal.TOO_MANY_REQUESTS, Duration.ZERO)
            .start(port);

    long instance = start(vars("prompt", "Never a place", "deadline", "PT1M"));
    // Three refusals recorded on the task: three retries' worth, and none was spent.
    await()
        .atMost(EngineHarness.WAIT)
        .until(
            () ->
                engine.allValues(instance, Variables.SUBMIT_WAIT).stream()
                    .anyMatch(w -> w.path("refusals").asInt() >= 3));
    engine.increaseTime(Duration.ofMinutes(2));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_deadline_passed");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(simulator.tasksCreated()).isZero();
  }

  // ---- the key never reaches a variable ------------------------------------------------------

  @Test
  void aFailureReasonThatEchoesTheKeyIsRedactedInEveryVariable() {
    simulator.inject(
        Endpoint.STATUS,
        1,
        Fault.answer(
            200,
            "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"failed\","
                + "\"error\":\"upstream refused Authorization: Bearer {apiKey}\"}}"));

    long instance = start(vars("prompt", "A fox"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_generation_failed");
    assertThat(engine.variable(instance, Variables.ERROR).path("reason").asText())
        .contains("Bearer ****");
    assertNoVariableHoldsTheKey();
  }

  @Test
  void aRawAnswerThatEchoesTheKeyIsRedactedAndItsSizeIsBounded() {
    String padding = "x".repeat(600_000);
    simulator.inject(
        Endpoint.STATUS,
        1,
        Fault.answer(
            200,
            "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"completed\","
                + "\"note\":\"key {apiKey}\",\"padding\":\""
                + padding
                + "\"}}"));

    long instance = start(vars("prompt", "A fox"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_download_refused");
    String raw =
        engine.variable(instance, Variables.DEFAULT_AWAIT_RESULT).path("rawAnswer").asText();
    assertThat(raw).contains("key ****").contains("truncated: ");
    assertThat(raw.length()).isLessThan(9_000);
    assertNoVariableHoldsTheKey();
  }

  // ---- an answer that names a task id is the paid task ---------------------------------------

  @Test
  void aSubmitAnswerThatNamesATaskIsThatTaskWhateverItsCode() {
    simulator.inject(
        Endpoint.SUBMIT,
        1,
        Fault.answer(
                200,
                "{\"code\":500,\"message\":\"internal error, please retry\","
                    + "\"data\":{\"task_id\":\"{taskId}\",\"status\":\"IN_PROGRESS\"}}")
            .afterCreatingTask());

    long instance = start(vars("prompt", "A fox"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    assertThat(engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText())
        .isEqualTo(simulator.taskIds().get(0));
  }

  // ---- slow and huge answers -----------------------------------------------------------------

  @Test
  void aSubmitAnswerThatDripsIsTheTimeoutOutcomeAfterTheRequestTimeout() {
    simulator.inject(
        Endpoint.SUBMIT,
        1,
        Fault.answer(
                200,
                "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"IN_PROGRESS\"}}")
            .afterCreatingTask()
            .dripping(Duration.ofMillis(500)));

    long instance = start(vars("prompt", "A fox"));
    // Well before the submit job's 5-minute timeout: the request timeout (2 s) covers the body.
    awaitIncident(instance);

    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .contains("no complete answer within PT2S")
        .contains("a paid task may exist");
    engine.resolveIncidents(
        instance, Map.of(Variables.SUBMITTED_TASK_ID, simulator.taskIds().get(0)));
    engine.awaitCompleted(instance);
    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void aStatusAnswerThatDripsIsRetriedLikeATimeout() {
    simulator.inject(
        Endpoint.STATUS,
        1,
        Fault.answer(
                200,
                "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"IN_PROGRESS\"}}")
            .dripping(Duration.ofMillis(500)));

    long instance = start(vars("prompt", "A fox"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(engine.allErrorMessages())
        .anySatisfy(m -> assertThat(String.valueOf(m)).contains("no complete answer within PT2S"));
  }

  @Test
  void aStatusAnswerTooLargeToReadIsRetriedAndNeverRecorded() {
    String padding = "y".repeat(20 * 1024 * 1024);
    simulator.inject(
        Endpoint.STATUS,
        1,
        Fault.answer(
            200,
            "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"completed\","
                + "\"padding\":\""
                + padding
                + "\"}}"));

    long instance = start(vars("prompt", "A fox"));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(engine.allErrorMessages())
        .anySatisfy(
            m -> assertThat(String.valueOf(m)).contains("the answer is larger than 1048576 bytes"))
        .noneSatisfy(m -> assertThat(String.valueOf(m)).contains("RESOURCE_EXHAUSTED"));
  }

  @Test
  void aHugeRetryAfterOnAStatusCheckIsCapped() {
    simulator.inject(
        Endpoint.STATUS,
        1,
        Fault.answer(429, "{\"error\":{\"code\":429,\"message\":\"slow down\"}}")
            .withHeader("Retry-After", "99999999999"));

    long instance = start(vars("prompt", "A fox"));
    await()
        .atMost(EngineHarness.WAIT)
        .until(
            () ->
                engine.allValues(instance, Variables.DEFAULT_AWAIT_RESULT).stream()
                    .anyMatch(s -> s.hasNonNull("lastError")));

    JsonNode limited =
        engine.allValues(instance, Variables.DEFAULT_AWAIT_RESULT).stream()
            .filter(s -> s.hasNonNull("lastError"))
            .findFirst()
            .orElseThrow();
    assertThat(Duration.parse(limited.path("nextPollIn").asText()))
        .isLessThanOrEqualTo(Duration.ofMinutes(10));
    engine.increaseTime(Duration.ofMinutes(11));
    engine.awaitCompleted(instance);
    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
  }

  // ---- strict inputs, checked before anything is paid ----------------------------------------

  @Test
  void aListOrAnObjectIsNeverAPrompt() {
    long list = start(vars("prompt", List.of("a red fox", "snow")));
    long object = start(vars("prompt", Map.of("text", "a red fox")));
    engine.awaitCompleted(list);
    engine.awaitCompleted(object);

    for (long instance : List.of(list, object)) {
      assertThat(engine.endEvents(instance)).containsExactly("end_invalid_input");
      assertThat(
              engine
                  .variable(instance, Variables.ERROR)
                  .path("violations")
                  .path(0)
                  .path("field")
                  .asText())
          .isEqualTo("prompt");
    }
    assertThat(engine.variable(list, Variables.ERROR).path("message").asText())
        .contains("must be text, not a list");
    assertThat(engine.variable(object, Variables.ERROR).path("message").asText())
        .contains("must be text, not an object");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "P-1D", "garbage", "P30D", "-PT5M"})
  void aDeadlineThatIsNotAPositiveDurationIsRefusedBeforeAnythingIsPaid(String deadline) {
    long instance = start(vars("prompt", "A fox", "deadline", deadline));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_invalid_input");
    assertThat(engine.variable(instance, Variables.ERROR).path("message").asText())
        .contains("deadline")
        .contains("a positive ISO-8601 duration of at most P7D");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void aDeadlineGivenAsANumberIsRefusedToo() {
    long instance = start(vars("prompt", "A fox", "deadline", 5));
    engine.awaitCompleted(instance);

    assertThat(engine.endEvents(instance)).containsExactly("end_invalid_input");
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  // ---- the at-most-once records come only from the task's own scope --------------------------

  @Test
  void recordsOfTheSameNameFromOutsideTheTaskAreIgnored() {
    long foreignTask =
        start(vars("prompt", "A fox", Variables.SUBMITTED_TASK_ID, "sim999_foreign_pixverse"));
    long foreignAttempt =
        start(
            vars(
                "prompt",
                "A hare",
                Variables.SUBMIT_ATTEMPT,
                Map.of("startedAt", "2026-11-25T19:00:00Z", "jobKey", 1)));
    engine.awaitCompleted(foreignTask);
    engine.awaitCompleted(foreignAttempt);

    for (long instance : List.of(foreignTask, foreignAttempt)) {
      assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
      assertThat(engine.incidents(instance)).isEmpty();
      assertThat(
              engine
                  .variable(instance, Variables.DEFAULT_SUBMIT_RESULT)
                  .path("resumed")
                  .asBoolean())
          .isFalse();
    }
    assertThat(
            engine.variable(foreignTask, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText())
        .isNotEqualTo("sim999_foreign_pixverse")
        .isIn(simulator.taskIds());
    assertThat(simulator.tasksCreated()).isEqualTo(2);
  }

  // ---- a task id from the API is checked before it is used -----------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "task\\r\\n2026-12-01 ERROR FORGED", "a/../../b"})
  void aTaskIdThatCannotBeUsedSafelyIsReportedAsThePaidTaskItIs(String rawId) {
    simulator.inject(
        Endpoint.SUBMIT,
        1,
        Fault.answer(
                200,
                "{\"code\":200,\"data\":{\"task_id\":\""
                    + rawId
                    + "\",\"status\":\"IN_PROGRESS\"}}")
            .afterCreatingTask());

    long instance = start(vars("prompt", "A fox"));
    awaitIncident(instance);

    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .contains("cannot be used safely")
        .contains("paid")
        .doesNotContain("\n")
        .doesNotContain("Invalid input");
    assertThat(simulator.requests(Endpoint.STATUS)).isZero();
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  // ---- a redirect from the status endpoint ---------------------------------------------------

  @Test
  void aStatusRedirectIsRetriedAndNeverDropsThePaidTask() {
    simulator.inject(
        Endpoint.STATUS,
        3,
        Fault.answer(302, "").withHeader("Location", "http://127.0.0.1:1/elsewhere"));

    long instance = start(vars("prompt", "A fox"));
    awaitIncident(instance);

    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .contains("redirect")
        .contains(simulator.taskIds().get(0))
        .contains("may still be running");
    engine.resolveIncidents(instance, Map.of());
    engine.awaitCompleted(instance);
    assertThat(engine.endEvents(instance)).containsExactly("end_video_ready");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }
}

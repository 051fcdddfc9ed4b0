package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The await worker's outcomes, one row per test (no engine: outcomes are recorded). */
class AwaitTaskHandlerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private PixverseSimulator simulator;
  private PixverseClient api;
  private RecordingSender sender;
  private AwaitTaskHandler handler;

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().completeOnPoll(Integer.MAX_VALUE).start();
    sender = new RecordingSender();
    api = new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey()));
    handler =
        new AwaitTaskHandler(
            api, PollSchedule.DEFAULT, sender, Clock.fixed(NOW, ZoneOffset.UTC), WorkerEvents.NONE);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> completed(JobOutcome outcome, String variable) {
    assertThat(outcome).isInstanceOf(JobOutcome.Complete.class);
    // Every handler path hands the process a plain JSON object (Results.toVariable), never a
    // record.
    return (Map<String, Object>) ((JobOutcome.Complete) outcome).variables().get(variable);
  }

  private JobOutcome check(Map<String, Object> variables) {
    handler.handle(null, RecordingSender.job(variables, Map.of(), 3));
    return sender.outcome();
  }

  private String newTask() {
    return api.submit(io.github.pixversecamunda.api.GenerationRequest.builder().prompt("p").build())
        .taskId();
  }

  @Test
  void runningTaskGetsAWaitAimedAtTheExpectedFinishAndCountsChecks() {
    String taskId = newTask();
    Map<String, Object> submission =
        Map.of(
            Variables.TASK_ID,
            taskId,
            "submittedAt",
            NOW.minusSeconds(10).toString(),
            "parameters",
            Map.of("resolution", "1080p", "duration", 10));
    Map<String, Object> previous = Map.of(Variables.TASK_ID, taskId, "checks", 4);

    Map<String, Object> result =
        completed(check(inputs(taskId, submission, previous)), Variables.DEFAULT_AWAIT_RESULT);

    assertThat(result.get("state")).isEqualTo("RUNNING");
    assertThat(result.get("checks")).isEqualTo(5);
    // 1080p for 10 s is expected after 119 s; 10 s have passed: wait until 62% of it (74 s), 64 s
    // more.
    assertThat(result.get("nextPollIn")).isEqualTo("PT1M4S");
  }

  @Test
  void firstCheckRightAfterTheSubmitAsksNothingAndWaitsForTheEarliestLikelyFinish() {
    String taskId = newTask();
    Map<String, Object> submission =
        Map.of(
            Variables.TASK_ID,
            taskId,
            "submittedAt",
            NOW.minusSeconds(1).toString(),
            "parameters",
            Map.of("resolution", "720p", "duration", 5));

    Map<String, Object> result =
        completed(
            check(Map.of(Variables.TASK_ID, taskId, "submission", submission)),
            Variables.DEFAULT_AWAIT_RESULT);

    assertThat(result.get("state")).isEqualTo("RUNNING");
    assertThat(result.get("checks")).isEqualTo(0);
    // 720p for 5 s is expected after 45 s: nothing to ask before 28 s, 1 s of which have passed.
    assertThat(result.get("nextPollIn")).isEqualTo("PT27S");
    assertThat(simulator.requests(Endpoint.STATUS)).isZero();

    sender = new RecordingSender();
    handler =
        new AwaitTaskHandler(
            api, PollSchedule.DEFAULT, sender, Clock.fixed(NOW, ZoneOffset.UTC), WorkerEvents.NONE);
    Map<String, Object> second =
        completed(check(inputs(taskId, submission, result)), Variables.DEFAULT_AWAIT_RESULT);
    assertThat(second.get("checks")).isEqualTo(1);
    assertThat(simulator.requests(Endpoint.STATUS)).isEqualTo(1);
  }

  @Test
  void resultVariableComesFromTheHeaderAndTaskIdFromTheSubmission() {
    String taskId = newTask();
    handler.handle(
        null,
        RecordingSender.job(
            Map.of("submission", Map.of(Variables.TASK_ID, taskId)),
            Map.of(Variables.RESULT_VARIABLE_HEADER, "myStatus"),
            3));

    assertThat(completed(sender.outcome(), "myStatus").get("taskId")).isEqualTo(taskId);
  }

  @Test
  void rateLimitedCheckWaitsAsLongAsAskedWithoutSpendingARetry() {
    String taskId = newTask();
    simulator.inject(Endpoint.STATUS, 1, Fault.status(429, Duration.ofSeconds(90)));

    Map<String, Object> result =
        completed(check(Map.of(Variables.TASK_ID, taskId)), Variables.DEFAULT_AWAIT_RESULT);

    assertThat(result.get("state")).isEqualTo("RUNNING");
    assertThat(result.get("nextPollIn")).isEqualTo("PT1M30S");
    assertThat((String) result.get("lastError")).contains("rate limited");
  }

  @Test
  void serverErrorIsRetriedAndSaysTheTaskMayStillRun() {
    String taskId = newTask();
    simulator.inject(Endpoint.STATUS, 1, Fault.status(502));

    JobOutcome outcome = check(Map.of(Variables.TASK_ID, taskId));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Retry.class,
            r -> {
              assertThat(r.remainingRetries()).isEqualTo(2);
              assertThat(r.message()).contains(taskId).contains("may still be running");
            });
  }

  @Test
  void lostConnectionOnACheckIsRetriedBecauseACheckChangesNothing() {
    String taskId = newTask();
    // The JDK client itself repeats a GET once on a lost connection, so drop more than once.
    simulator.inject(Endpoint.STATUS, 5, Fault.dropAfterRead());

    assertThat(check(Map.of(Variables.TASK_ID, taskId))).isInstanceOf(JobOutcome.Retry.class);
  }

  @Test
  void unreadableAnswerToACheckIsRetried() {
    String taskId = newTask();
    simulator.inject(Endpoint.STATUS, 1, Fault.malformedBody());

    assertThat(check(Map.of(Variables.TASK_ID, taskId))).isInstanceOf(JobOutcome.Retry.class);
  }

  @Test
  void unknownTaskIsABpmnError() {
    JobOutcome outcome = check(Map.of(Variables.TASK_ID, "sim404_pixverse"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.BpmnError.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCodes.TASK_NOT_FOUND);
              assertThat(e.message()).contains("sim404_pixverse");
            });
  }

  @Test
  void missingTaskIdIsInvalidInputWithoutARequest() {
    JobOutcome outcome = check(new HashMap<>());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.BpmnError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_INPUT));
    assertThat(simulator.requests(Endpoint.STATUS)).isZero();
  }

  /**
   * The await job's inputs as the processes map them: the task, its submission, the last result.
   */
  private static Map<String, Object> inputs(
      String taskId, Map<String, Object> submission, Map<String, Object> previous) {
    return Map.of(
        Variables.TASK_ID,
        taskId,
        Variables.SUBMISSION,
        submission,
        Variables.PREVIOUS_STATUS,
        previous);
  }
}

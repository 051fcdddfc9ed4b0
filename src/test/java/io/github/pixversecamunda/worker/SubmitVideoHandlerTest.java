package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The submit worker's failure table, one row per test (no engine: outcomes are recorded). */
class SubmitVideoHandlerTest {

  private PixverseSimulator simulator;
  private RecordingSender sender;
  private SubmitVideoHandler handler;

  /** What the handler wrote into the task's scope, with the submit count seen at that moment. */
  private final List<Map<String, Object>> written = new CopyOnWriteArrayList<>();

  private final List<Integer> submitsWhenWritten = new CopyOnWriteArrayList<>();

  /** How many of the next writes fail, as if the engine were unreachable. */
  private final AtomicInteger failingWrites = new AtomicInteger();

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().start();
    sender = new RecordingSender();
    PixverseClient api =
        new PixverseClient(
            PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    TaskVariables taskVariables =
        (elementInstanceKey, variables) -> {
          submitsWhenWritten.add(simulator.requests(Endpoint.SUBMIT));
          if (failingWrites.getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("engine unavailable"));
          }
          written.add(variables);
          return CompletableFuture.completedFuture(null);
        };
    handler =
        new SubmitVideoHandler(api, taskVariables, sender, Clock.systemUTC(), WorkerEvents.NONE);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private JobOutcome submit(Map<String, String> headers) {
    return submit(Map.of("prompt", "A dragon"), headers);
  }

  private JobOutcome submit(Map<String, Object> variables, Map<String, String> headers) {
    handler.handle(null, RecordingSender.job(variables, headers, 3));
    return sender.outcome();
  }

  private static Map<String, Object> withAttempt(Object taskId) {
    Map<String, Object> variables =
        new HashMap<>(
            Map.of(
                "prompt",
                "A dragon",
                Variables.SUBMIT_ATTEMPT,
                Map.of("startedAt", "2026-11-25T19:00:00Z", "jobKey", 7, "elementInstanceKey", 2)));
    variables.put(Variables.SUBMITTED_TASK_ID, taskId);
    return variables;
  }

  @Test
  void theAttemptIsRecordedOnTheTaskBeforeThePostLeaves() {
    JobOutcome outcome = submit(Map.of());

    assertThat(outcome).isInstanceOf(JobOutcome.Complete.class);
    assertThat(written).hasSize(2);
    // The same write hides any value of the records' names from an outer scope.
    assertThat(written.get(0))
        .containsOnlyKeys(
            Variables.SUBMIT_ATTEMPT, Variables.SUBMITTED_TASK_ID, Variables.SUBMITTED_AT)
        .containsEntry(Variables.SUBMITTED_TASK_ID, null);
    assertThat(submitsWhenWritten.get(0)).isZero();
    assertThat(written.get(1)).containsKeys(Variables.SUBMITTED_TASK_ID, Variables.SUBMITTED_AT);
    assertThat(submitsWhenWritten.get(1)).isEqualTo(1);
  }

  @Test
  void anAttemptThatCannotBeRecordedSendsNothingAndIsRetried() {
    failingWrites.set(1);

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Retry.class, r -> assertThat(r.message()).contains("nothing was submitted"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
    // In case the engine took the write and only the answer was lost: nothing left for the retry to
    // trip on.
    assertThat(written)
        .singleElement()
        .satisfies(w -> assertThat(w).containsEntry(Variables.SUBMIT_ATTEMPT, null));
  }

  @Test
  void anAttemptWithoutATaskIdRaisesAnIncidentAndSubmitsNothing() {
    JobOutcome outcome = submit(withAttempt(null), Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Incident.class,
            i ->
                assertThat(i.message())
                    .contains("2026-11-25T19:00:00Z")
                    .contains("a paid PixVerse task may")
                    .contains(Variables.SUBMITTED_TASK_ID)
                    .contains(Variables.SUBMIT_ATTEMPT + "' to null"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
    assertThat(written).isEmpty();
  }

  @Test
  void aRecordedTaskIdCompletesWithThatTaskEvenWithAnAttempt() {
    JobOutcome outcome = submit(withAttempt("task_known"), Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Complete.class,
            c ->
                assertThat(c.variables())
                    .extractingByKey(Variables.DEFAULT_SUBMIT_RESULT)
                    .asString()
                    .contains("task_known")
                    .contains("resumed=true"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void aTaskIdThatFailsToRecordIsWrittenAgainBeforeCompleting() {
    // The attempt is written, then the task id fails twice and succeeds on the third try.
    failingWrites.set(0);
    TaskVariables flaky =
        new TaskVariables() {
          private final AtomicInteger calls = new AtomicInteger();

          @Override
          public CompletableFuture<?> setLocal(long key, Map<String, Object> variables) {
            int call = calls.incrementAndGet();
            written.add(variables);
            return call == 2 || call == 3
                ? CompletableFuture.failedFuture(new IllegalStateException("lost"))
                : CompletableFuture.completedFuture(null);
          }
        };
    handler =
        new SubmitVideoHandler(
            new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())),
            flaky,
            sender,
            Clock.systemUTC(),
            WorkerEvents.NONE);

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome).isInstanceOf(JobOutcome.Complete.class);
    assertThat(written).hasSize(4);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aTaskIdThatCannotBeRecordedRaisesAnIncidentNamingTheTask() {
    // The attempt is written; every write of the task id fails.
    TaskVariables engineGoneAfterAttempt =
        new TaskVariables() {
          private final AtomicInteger calls = new AtomicInteger();

          @Override
          public CompletableFuture<?> setLocal(long key, Map<String, Object> variables) {
            return calls.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("engine unavailable"));
          }
        };
    handler =
        new SubmitVideoHandler(
            new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())),
            engineGoneAfterAttempt,
            sender,
            Clock.systemUTC(),
            WorkerEvents.NONE);

    JobOutcome outcome = submit(Map.of());

    String taskId = simulator.taskIds().get(0);
    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Incident.class,
            i ->
                assertThat(i.message())
                    .contains(taskId)
                    .contains("is paid")
                    .contains(Variables.SUBMITTED_TASK_ID)
                    .contains("4 times"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aSubmitThatWaitedPastItsJobsDeadlineIsNotSentAndIsRetried() {
    ActivatedJob job = RecordingSender.job(Map.of("prompt", "A dragon"), Map.of(), 3);
    // The engine may hand this job to another worker within the request timeout: too late to send.
    org.mockito.Mockito.when(job.getDeadline()).thenReturn(System.currentTimeMillis() + 500);

    handler.handle(null, job);

    assertThat(sender.outcome())
        .isInstanceOfSatisfying(
            JobOutcome.Retry.class, r -> assertThat(r.message()).contains("not sent"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
    assertThat(written.get(written.size() - 1)).containsEntry(Variables.SUBMIT_ATTEMPT, null);
  }

  @Test
  void aRecordedTaskCompletesEvenWhenTheInputsNoLongerCheckOut() {
    Map<String, Object> variables = withAttempt("task_paid");
    variables.put("resolution", "8k");

    assertThat(submit(variables, Map.of()))
        .isInstanceOfSatisfying(
            JobOutcome.Complete.class,
            c ->
                assertThat(c.variables())
                    .extractingByKey(Variables.DEFAULT_SUBMIT_RESULT)
                    .asString()
                    .contains("task_paid")
                    .contains("resumed=true"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void aFailingMetricsListenerChangesNothingAboutTheSubmit() {
    WorkerEvents broken =
        new WorkerEvents() {
          @Override
          public void submitAccepted(io.github.pixversecamunda.api.GenerationRequest request) {
            throw new IllegalStateException("metrics broke");
          }
        };
    handler =
        new SubmitVideoHandler(
            new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())),
            (key, v) -> CompletableFuture.completedFuture(null),
            sender,
            Clock.systemUTC(),
            broken);

    assertThat(submit(Map.of())).isInstanceOf(JobOutcome.Complete.class);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aFaultOfTheWorkerItselfAfterThePostStillEndsTheJobSafely() {
    // The attempt is written; writing the task id then throws instead of failing its future.
    AtomicInteger calls = new AtomicInteger();
    TaskVariables throwsOnTaskId =
        (key, v) -> {
          if (calls.incrementAndGet() > 1) {
            throw new IllegalStateException("bug");
          }
          return CompletableFuture.completedFuture(null);
        };
    handler =
        new SubmitVideoHandler(
            new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())),
            throwsOnTaskId,
            sender,
            Clock.systemUTC(),
            WorkerEvents.NONE);

    assertThat(submit(Map.of()))
        .isInstanceOfSatisfying(
            JobOutcome.Incident.class,
            i -> assertThat(i.message()).contains("A paid task may exist"));
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void aFailureThatProvesNoTaskWasCreatedClearsTheAttempt() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(503));

    assertThat(submit(Map.of())).isInstanceOf(JobOutcome.Retry.class);
    assertThat(written).hasSize(2);
    assertThat(written.get(1)).containsEntry(Variables.SUBMIT_ATTEMPT, null);
  }

  @Test
  void aRejectedKeyClearsTheAttemptSoThatTheRetryAfterTheFixSubmits() {
    simulator.apiKey("aio_another_key");

    assertThat(submit(Map.of())).isInstanceOf(JobOutcome.Incident.class);
    assertThat(written.get(written.size() - 1)).containsEntry(Variables.SUBMIT_ATTEMPT, null);
  }

  @Test
  void apiRejectionOfTheParametersIsABpmnError() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(400));

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.BpmnError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_REQUEST));
  }

  @Test
  void insufficientCreditsIsABpmnError() {
    simulator.creditBalance(10);

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.BpmnError.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INSUFFICIENT_CREDITS));
  }

  @Test
  void serverErrorIsRetriedWithTheTasksBackoff() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(500));

    JobOutcome outcome = submit(Map.of(Variables.RETRY_BACKOFF_HEADER, "PT42S"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Retry.class,
            r -> {
              assertThat(r.remainingRetries()).isEqualTo(2);
              assertThat(r.backoff()).isEqualTo(Duration.ofSeconds(42));
              assertThat(r.message()).contains("no task was created");
            });
  }

  @Test
  void aRateLimitWaitsAtLeastItsRetryAfterWithoutSpendingARetry() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(429, Duration.ofSeconds(30)));

    assertThat(submit(Map.of(Variables.RETRY_BACKOFF_HEADER, "PT5S")))
        .isInstanceOfSatisfying(
            JobOutcome.Wait.class,
            w -> {
              assertThat(w.retries()).isEqualTo(3);
              assertThat(w.backoff()).isBetween(Duration.ofSeconds(30), Duration.ofMillis(37_500));
              assertThat(w.message())
                  .contains("Waiting for the account's limit")
                  .contains("without spending a retry");
            });
    // The attempt is cleared (the retry submits), and the task shows what it waits for.
    assertThat(written)
        .anySatisfy(w -> assertThat(w).containsEntry(Variables.SUBMIT_ATTEMPT, null));
    assertThat(written)
        .last()
        .satisfies(
            w ->
                assertThat(w)
                    .extractingByKey(Variables.SUBMIT_WAIT)
                    .asString()
                    .contains("refusals=1")
                    .contains("rate_limited"));
  }

  @Test
  void timeoutAfterSendingIsAnIncidentNotARetry() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.delay(Duration.ofSeconds(3)));

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            JobOutcome.Incident.class,
            i ->
                assertThat(i.message())
                    .contains("a paid task may exist")
                    .contains("raises this incident again"));
    // The attempt stays on the task, so a plain retry cannot pay a second time.
    assertThat(written)
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .containsKey(Variables.SUBMIT_ATTEMPT)
                    .doesNotContainEntry(Variables.SUBMIT_ATTEMPT, null));
  }
}

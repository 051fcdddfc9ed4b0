package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.Violation;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The submit worker's failure table, one row per test (no engine: outcomes are recorded). */
class SubmitVideoHandlerTest {

  private PixverseSimulator simulator;
  private RecordingSender sender;
  private SubmitVideoHandler handler;

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().start();
    sender = new RecordingSender();
    PixverseClient api = new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    // The Camunda client is only needed after an accepted submit; these rows never get there.
    handler = new SubmitVideoHandler(api, null, sender, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private JobOutcome submit(Map<String, String> headers) {
    handler.handle(null, RecordingSender.job(Map.of("prompt", "A dragon"), headers, 3));
    return sender.outcome();
  }

  @Test
  void apiRejectionOfTheParametersIsABpmnError() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(400));

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome).isInstanceOfSatisfying(JobOutcome.BpmnError.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_REQUEST));
  }

  @Test
  void insufficientCreditsIsABpmnError() {
    simulator.creditBalance(10);

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome).isInstanceOfSatisfying(JobOutcome.BpmnError.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCodes.INSUFFICIENT_CREDITS));
  }

  @Test
  void serverErrorIsRetriedWithTheTasksBackoff() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(500));

    JobOutcome outcome = submit(Map.of(Variables.RETRY_BACKOFF_HEADER, "PT42S"));

    assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retry.class, r -> {
      assertThat(r.remainingRetries()).isEqualTo(2);
      assertThat(r.backoff()).isEqualTo(Duration.ofSeconds(42));
      assertThat(r.message()).contains("no task was created");
    });
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfter() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(429, Duration.ofSeconds(30)));

    assertThat(RecordingSender.backoff(submit(Map.of(Variables.RETRY_BACKOFF_HEADER, "PT5S"))))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void timeoutAfterSendingIsAnIncidentNotARetry() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.delay(Duration.ofSeconds(3)));

    JobOutcome outcome = submit(Map.of());

    assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Incident.class,
        i -> assertThat(i.message()).contains("a paid task may exist").contains("submits, and pays, again"));
  }

  @Test
  void modeAndBudgetAreCheckedWithTheGenerationInOneReport() {
    assertThatThrownBy(() -> SubmitVideoHandler.prepare(Map.of("prompt", "", "mode", "video",
        "maxCredits", "lots", "resolution", "8k")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactly("prompt", "resolution", "mode", "maxCredits"));
  }

  @Test
  void budgetMustBeAWholeNumberOfCredits() {
    assertThat(SubmitVideoHandler.prepare(Map.of("prompt", "p", "maxCredits", "150")).maxCredits()).isEqualTo(150);
    assertThat(SubmitVideoHandler.prepare(Map.of("prompt", "p", "maxCredits", 90.0)).maxCredits()).isEqualTo(90);
    for (Object bad : new Object[] {"1.5", 89.9, -1, "lots"}) {
      assertThatThrownBy(() -> SubmitVideoHandler.prepare(Map.of("prompt", "p", "maxCredits", bad)))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
              .extracting(Violation::field).containsExactly("maxCredits"));
    }
  }

  @Test
  void textModeIgnoresAnImageUrlInScope() {
    assertThat(SubmitVideoHandler.prepare(Map.of("prompt", "p", "mode", "text",
        "imageUrl", "https://example.org/a.png")).request().imageUrl()).isNull();
    assertThat(SubmitVideoHandler.prepare(Map.of("prompt", "p",
        "imageUrl", "https://example.org/a.png")).mode()).isEqualTo("image");
  }
}

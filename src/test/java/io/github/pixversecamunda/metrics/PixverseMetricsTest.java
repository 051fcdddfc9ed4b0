package io.github.pixversecamunda.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.ApiCallObserver.Endpoint;
import io.github.pixversecamunda.api.ErrorKind;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.spring.PixverseApiHealthIndicator;
import io.github.pixversecamunda.worker.JobOutcome;
import io.github.pixversecamunda.worker.WorkerEvents;
import io.github.pixversecamunda.worker.WorkerEvents.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The outcomes the engine tests do not reach: rejected and unknown submits, 429s, incidents, key
 * failures.
 */
class PixverseMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PixverseMetrics metrics = new PixverseMetrics(registry);

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void submitsAreCountedByOutcomeAndKindAndIncidentsByCause() {
    metrics.submitAccepted(
        GenerationRequest.builder()
            .prompt("p")
            .resolution(Resolution.P1080)
            .duration(VideoDuration.S8)
            .generateAudio(true)
            .build());
    metrics.failed(
        Phase.SUBMIT,
        "invalid_request",
        new JobOutcome.BpmnError("PIXVERSE_INVALID_REQUEST", "m", Map.of()));
    metrics.failed(Phase.SUBMIT, "outcome_unknown", new JobOutcome.Incident("m"));
    metrics.failed(Phase.DOWNLOAD, "storage", new JobOutcome.Incident("m"));

    assertThat(count(PixverseMetrics.SUBMITS, "outcome", "accepted")).isEqualTo(1);
    assertThat(
            count(
                PixverseMetrics.CREDITS_ESTIMATED,
                "resolution",
                "1080p",
                "duration",
                "8",
                "audio",
                "true"))
        .isEqualTo(600);
    assertThat(count(PixverseMetrics.SUBMITS, "outcome", "rejected", "kind", "invalid_request"))
        .isEqualTo(1);
    assertThat(count(PixverseMetrics.SUBMITS, "outcome", "unknown", "kind", "outcome_unknown"))
        .isEqualTo(1);
    assertThat(count(PixverseMetrics.INCIDENTS, "phase", "submit", "cause", "outcome_unknown"))
        .isEqualTo(1);
    assertThat(count(PixverseMetrics.INCIDENTS, "phase", "download", "cause", "storage"))
        .isEqualTo(1);
    assertThat(
            count(
                PixverseMetrics.FAILURES,
                "phase",
                "submit",
                "kind",
                "invalid_request",
                "outcome",
                "bpmn_error"))
        .isEqualTo(1);
    // A download failure is no submit.
    assertThat(registry.find(PixverseMetrics.SUBMITS).counters()).hasSize(3);
  }

  @Test
  void theSubmitRecordIncidentsAreIncidentsButNoSecondSubmitOutcome() {
    metrics.submitAccepted(GenerationRequest.builder().prompt("p").build());
    metrics.failed(Phase.SUBMIT, WorkerEvents.TASK_ID_UNRECORDED, new JobOutcome.Incident("m"));
    metrics.failed(Phase.SUBMIT, WorkerEvents.ATTEMPT_UNRECORDED, new JobOutcome.Incident("m"));

    assertThat(
            count(
                PixverseMetrics.INCIDENTS,
                "phase",
                "submit",
                "cause",
                WorkerEvents.TASK_ID_UNRECORDED))
        .isEqualTo(1);
    assertThat(
            count(
                PixverseMetrics.INCIDENTS,
                "phase",
                "submit",
                "cause",
                WorkerEvents.ATTEMPT_UNRECORDED))
        .isEqualTo(1);
    assertThat(registry.find(PixverseMetrics.SUBMITS).counters())
        .singleElement()
        .satisfies(c -> assertThat(c.getId().getTag("outcome")).isEqualTo("accepted"));
  }

  @Test
  void apiCallsInFlightAndRateLimitsAreCounted() {
    metrics.callStarted(Endpoint.STATUS, Duration.ofMillis(40));
    metrics.callStarted(Endpoint.SUBMIT, Duration.ZERO);
    assertThat(registry.find(PixverseMetrics.API_IN_FLIGHT).gauge().value()).isEqualTo(2);
    metrics.callFinished(Endpoint.STATUS, ErrorKind.RATE_LIMITED);
    metrics.callFinished(Endpoint.SUBMIT, null);

    assertThat(registry.find(PixverseMetrics.API_IN_FLIGHT).gauge().value()).isZero();
    assertThat(count(PixverseMetrics.API_RATE_LIMITED, "endpoint", "status")).isEqualTo(1);
    assertThat(count(PixverseMetrics.API_RATE_LIMITED, "endpoint", "submit")).isZero();
    assertThat(count(PixverseMetrics.API_CALLS, "endpoint", "submit", "outcome", "success"))
        .isEqualTo(1);
    assertThat(
            registry
                .find(PixverseMetrics.API_SLOT_WAIT)
                .timer()
                .max(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(40);
  }

  @Test
  void healthTurnsDownAfterRepeatedKeyRefusalsAndUpWithTheNextAcceptedCall() {
    ApiCallHistory history = new ApiCallHistory();
    PixverseApiHealthIndicator health =
        new PixverseApiHealthIndicator(
            PixverseClientConfig.of("http://127.0.0.1:9", "aio_secret"), history, 3);
    history.callFinished(Endpoint.STATUS, ErrorKind.AUTHENTICATION);
    history.callFinished(Endpoint.STATUS, ErrorKind.SERVER_ERROR);
    history.callFinished(Endpoint.STATUS, ErrorKind.AUTHENTICATION);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    history.callFinished(Endpoint.SUBMIT, ErrorKind.AUTHENTICATION);
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails().toString()).doesNotContain("aio_secret");
    history.callFinished(Endpoint.STATUS, null);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }
}

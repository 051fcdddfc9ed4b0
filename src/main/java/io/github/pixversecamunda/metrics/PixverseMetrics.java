package io.github.pixversecamunda.metrics;

import io.github.pixversecamunda.api.AccountLimitBackoff;
import io.github.pixversecamunda.api.ApiCallObserver;
import io.github.pixversecamunda.api.ErrorKind;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.worker.JobOutcome;
import io.github.pixversecamunda.worker.WorkerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The workers' metrics on Micrometer. Every tag has a handful of values (error kinds, resolutions,
 * durations, phases): never a task id, a prompt or anything a caller chooses freely, so the number
 * of series stays fixed however many videos are made. The names, as Prometheus shows them, are
 * listed under "Metrics" in docs/operations.md.
 */
public final class PixverseMetrics implements WorkerEvents, ApiCallObserver {

  /** Counter: submits by outcome (accepted and paid, rejected by error kind, unknown). */
  public static final String SUBMITS = "pixverse.submits";

  /** Counter: credits the accepted submits cost by the price table. */
  public static final String CREDITS_ESTIMATED = "pixverse.credits.estimated";

  /** Distribution: status checks one generation needed until it completed. */
  public static final String STATUS_CHECKS = "pixverse.generation.status.checks";

  /** Timer: accepted submit to the check that found the video ready, by resolution and length. */
  public static final String GENERATION_TIME = "pixverse.generation.time";

  /** Counter: failed jobs by phase, error kind and what the worker did. */
  public static final String FAILURES = "pixverse.failures";

  /** Counter: incidents raised, by phase and cause; each needs a person. */
  public static final String INCIDENTS = "pixverse.incidents";

  /** Counter: API calls by endpoint and outcome. */
  public static final String API_CALLS = "pixverse.api.calls";

  /** Gauge: API calls waiting for their answer now. */
  public static final String API_IN_FLIGHT = "pixverse.api.in.flight";

  /** Timer: how long a call waited for a {@code pixverse.max-in-flight} slot. */
  public static final String API_SLOT_WAIT = "pixverse.api.slot.wait";

  /** Counter: HTTP 429 answers of the API. */
  public static final String API_RATE_LIMITED = "pixverse.api.rate.limited";

  /** Counter: submits that waited for the account's limit instead of failing. */
  public static final String SUBMIT_WAITS = "pixverse.submit.waits";

  /** Timer: the waits given for the account's limit (no retry spent). */
  public static final String SUBMIT_WAIT_TIME = "pixverse.submit.wait";

  /** Gauge: seconds this replica still holds its submits back for the account's limits. */
  public static final String SUBMIT_PAUSE = "pixverse.submit.pause";

  /** Distribution: size of the kept videos. */
  public static final String DOWNLOAD_BYTES = "pixverse.download.size";

  /** Timer: time to download and keep one video. */
  public static final String DOWNLOAD_TIME = "pixverse.download.time";

  /** Tag value where a tag has nothing to say (an accepted submit has no error kind). */
  static final String NONE = "none";

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * Registers the in-flight gauge now and every other meter on first use.
   *
   * @param registry where the meters are registered
   */
  public PixverseMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(API_IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("PixVerse API calls waiting for their answer now")
        .register(registry);
    // Registered at zero so dashboards and alerts see the series before the first video.
    submits("accepted", NONE);
    for (ApiCallObserver.Endpoint endpoint : ApiCallObserver.Endpoint.values()) {
      rateLimited(endpoint);
    }
    slotWait();
    for (String reason : new String[] {"concurrency_limited", "rate_limited"}) {
      submitWaits(reason, true);
      submitWaits(reason, false);
    }
  }

  /**
   * The replica's pause for the account's limits as a gauge ({@value #SUBMIT_PAUSE}, seconds): how
   * long this replica still holds every submit back because the API refused one. A gauge rather
   * than the wait counters alone, because an operator asks "is this replica paused now, and for how
   * long", and a pause with no submit waiting leaves the counters still.
   *
   * @param backoff the replica's memory of the account's refusals ({@code
   *     PixverseClient.accountLimits()})
   * @return a binder that registers the gauge on a registry
   */
  public static MeterBinder submitPause(AccountLimitBackoff backoff) {
    return registry ->
        Gauge.builder(SUBMIT_PAUSE, backoff, b -> b.pausedFor().toNanos() / 1e9)
            .baseUnit("seconds")
            .description(
                "How long this replica still holds its submits back after a refusal for the"
                    + " account's limits (0 when it sends them)")
            .register(registry);
  }

  // ---- worker events ---------------------------------------------------------------------------

  @Override
  public void submitAccepted(GenerationRequest request) {
    submits("accepted", NONE).increment();
    Counter.builder(CREDITS_ESTIMATED)
        .description("Credits the accepted submits cost by the published price table")
        .tag("resolution", request.resolution().wire())
        .tag("duration", Integer.toString(request.duration().seconds()))
        .tag("audio", Boolean.toString(request.generateAudio()))
        .register(registry)
        .increment(request.estimatedCredits());
  }

  @Override
  public void generationCompleted(
      Resolution resolution,
      VideoDuration duration,
      int statusChecks,
      @Nullable Duration sinceSubmit) {
    DistributionSummary.builder(STATUS_CHECKS)
        .description("Status checks one generation needed until it completed")
        .publishPercentileHistogram()
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(100.0)
        .register(registry)
        .record(statusChecks);
    if (sinceSubmit != null && !sinceSubmit.isNegative()) {
      Timer.builder(GENERATION_TIME)
          .description(
              "Time from the accepted submit to the status check that found the video ready")
          .tag("resolution", resolution.wire())
          .tag("duration", Integer.toString(duration.seconds()))
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofSeconds(5))
          .maximumExpectedValue(Duration.ofMinutes(30))
          .register(registry)
          .record(sinceSubmit);
    }
  }

  @Override
  public void failed(Phase phase, String kind, JobOutcome outcome) {
    String outcomeTag = outcomeTag(outcome);
    Counter.builder(FAILURES)
        .description("Failed jobs by phase, error kind and what the worker did about it")
        .tag("phase", phase.tag())
        .tag("kind", kind)
        .tag("outcome", outcomeTag)
        .register(registry)
        .increment();
    if (outcome instanceof JobOutcome.Incident) {
      Counter.builder(INCIDENTS)
          .description(
              "Incidents the workers raised: a person has to act (see the runbook in docs/operations.md)")
          .tag("phase", phase.tag())
          .tag("cause", kind)
          .register(registry)
          .increment();
    }
    // The submit records' incidents are about a submit already counted (or never sent): not a
    // submit outcome.
    boolean recordIncident =
        kind.equals(WorkerEvents.ATTEMPT_UNRECORDED)
            || kind.equals(WorkerEvents.TASK_ID_UNRECORDED);
    if (phase == Phase.SUBMIT && !recordIncident) {
      boolean unknown =
          kind.equals(lower(ErrorKind.OUTCOME_UNKNOWN))
              || kind.equals(lower(ErrorKind.MALFORMED_RESPONSE));
      submits(unknown ? "unknown" : "rejected", kind).increment();
    }
  }

  @Override
  public void submitWaited(String reason, Duration wait, boolean refused) {
    submitWaits(reason, refused).increment();
    Timer.builder(SUBMIT_WAIT_TIME)
        .description("Waits a submit was given for the account's limit (no retry spent)")
        .tag("reason", reason)
        .register(registry)
        .record(wait);
  }

  private Counter submitWaits(String reason, boolean refused) {
    return Counter.builder(SUBMIT_WAITS)
        .description(
            "Submits that wait for the account's limit instead of failing: refused by the API, or"
                + " held back by the replica while the API asked it to wait")
        .tag("reason", reason)
        .tag("refused", Boolean.toString(refused))
        .register(registry);
  }

  @Override
  public void downloaded(long bytes, Duration took, boolean reused) {
    DistributionSummary.builder(DOWNLOAD_BYTES)
        .description("Size of the videos kept by the download worker")
        .baseUnit("bytes")
        .tag("reused", Boolean.toString(reused))
        .register(registry)
        .record((double) bytes); // a video's size is far below 2^53 bytes: exact as a double
    Timer.builder(DOWNLOAD_TIME)
        .description("Time to download and keep one video")
        .tag("reused", Boolean.toString(reused))
        .register(registry)
        .record(took);
  }

  // ---- API calls -------------------------------------------------------------------------------

  @Override
  public void callStarted(Endpoint endpoint, Duration waitedForSlot) {
    inFlight.incrementAndGet();
    slotWait().record(waitedForSlot);
  }

  @Override
  public void callFinished(Endpoint endpoint, @Nullable ErrorKind failure) {
    inFlight.decrementAndGet();
    Counter.builder(API_CALLS)
        .description("PixVerse API calls by endpoint and outcome")
        .tag("endpoint", endpoint.tag())
        .tag("outcome", failure == null ? "success" : lower(failure))
        .register(registry)
        .increment();
    if (failure == ErrorKind.RATE_LIMITED) {
      rateLimited(endpoint).increment();
    }
  }

  private Counter submits(String outcome, String kind) {
    return Counter.builder(SUBMITS)
        .description(
            "Submits to PixVerse: accepted (paid), rejected by error kind, or outcome unknown")
        .tag("outcome", outcome)
        .tag("kind", kind)
        .register(registry);
  }

  private Counter rateLimited(Endpoint endpoint) {
    return Counter.builder(API_RATE_LIMITED)
        .description("HTTP 429 answers received from the PixVerse API")
        .tag("endpoint", endpoint.tag())
        .register(registry);
  }

  private Timer slotWait() {
    return Timer.builder(API_SLOT_WAIT)
        .description("Time an API call waited for one of the pixverse.max-in-flight slots")
        .register(registry);
  }

  private static String outcomeTag(JobOutcome outcome) {
    if (outcome instanceof JobOutcome.Incident) {
      return "incident";
    }
    if (outcome instanceof JobOutcome.Retry) {
      return "retry";
    }
    if (outcome instanceof JobOutcome.Wait) {
      return "wait";
    }
    if (outcome instanceof JobOutcome.BpmnError) {
      return "bpmn_error";
    }
    return "completed";
  }

  private static String lower(ErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}

package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events feed metrics: a failing listener must never change what happens to a job, so every call is
 * passed on and whatever it throws is logged and dropped.
 */
final class FailSafeWorkerEvents implements WorkerEvents {

  private static final Logger LOG = LoggerFactory.getLogger(FailSafeWorkerEvents.class);

  private final WorkerEvents events;

  FailSafeWorkerEvents(WorkerEvents events) {
    this.events = events;
  }

  @Override
  public void submitAccepted(GenerationRequest request) {
    quietly(() -> events.submitAccepted(request));
  }

  @Override
  public void generationCompleted(
      Resolution resolution,
      VideoDuration duration,
      int statusChecks,
      @Nullable Duration sinceSubmit) {
    quietly(() -> events.generationCompleted(resolution, duration, statusChecks, sinceSubmit));
  }

  @Override
  public void failed(Phase phase, String kind, JobOutcome outcome) {
    quietly(() -> events.failed(phase, kind, outcome));
  }

  @Override
  public void submitWaited(String reason, Duration wait, boolean refused) {
    quietly(() -> events.submitWaited(reason, wait, refused));
  }

  @Override
  public void downloaded(long bytes, Duration took, boolean reused) {
    quietly(() -> events.downloaded(bytes, took, reused));
  }

  private static void quietly(Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      LOG.warn("A worker event listener failed: {}", e.toString());
    }
  }
}

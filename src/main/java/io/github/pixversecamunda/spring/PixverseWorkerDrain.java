package io.github.pixversecamunda.spring;

import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.worker.InFlightJobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The graceful drain on shutdown (SIGTERM during a rolling deploy): readiness goes to
 * REFUSING_TRAFFIC, the job workers stop activating jobs, and the jobs already in flight finish as
 * usual (their API calls answer, their outcomes are sent) for at most {@code
 * pixverse.drain-timeout}. Only then may the context close the Camunda client. A submit still
 * unanswered when the time is up is not resent by anyone: its attempt record makes the next job of
 * that task raise an incident.
 */
public class PixverseWorkerDrain implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseWorkerDrain.class);

  private final InFlightJobs inFlight;
  private final ObjectProvider<JobWorkerManager> workerManager;
  private final ApplicationEventPublisher events;
  private final Duration timeout;
  private volatile boolean running;

  /**
   * A drain for the workers of this application.
   *
   * @param inFlight the jobs whose outcome is not sent yet
   * @param workerManager the starter's job workers, stopped first
   * @param events where the readiness change is published
   * @param timeout how long the jobs in flight may take ({@code pixverse.drain-timeout})
   */
  public PixverseWorkerDrain(
      InFlightJobs inFlight,
      ObjectProvider<JobWorkerManager> workerManager,
      ApplicationEventPublisher events,
      Duration timeout) {
    this.inFlight = inFlight;
    this.workerManager = workerManager;
    this.events = events;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    workerManager.ifAvailable(JobWorkerManager::closeAllOpenWorkers);
    int open = inFlight.count();
    LOG.info(
        "Draining: job activation stopped, {} PixVerse job(s) in flight, waiting up to {}",
        open,
        timeout);
    try {
      if (inFlight.awaitIdle(timeout)) {
        LOG.info("Drained: every PixVerse job in flight has reported its outcome");
      } else {
        LOG.warn(
            "Drain timeout {} reached with {} PixVerse job(s) in flight; they are redelivered after their"
                + " job timeout, and a submit among them raises an incident instead of paying twice",
            timeout,
            inFlight.count());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the other lifecycle beans, while the Camunda client can still send outcomes. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}

package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.worker.InFlightJobs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

/**
 * The drain on shutdown: readiness first, no new jobs, then the jobs in flight finish (bounded).
 */
class PixverseWorkerDrainTest {

  private final List<Object> events = new CopyOnWriteArrayList<>();
  private final JobWorkerManager manager = mock(JobWorkerManager.class);
  private final InFlightJobs inFlight = new InFlightJobs();

  private PixverseWorkerDrain drain(Duration timeout) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("jobWorkerManager", manager);
    PixverseWorkerDrain drain =
        new PixverseWorkerDrain(
            inFlight, beans.getBeanProvider(JobWorkerManager.class), events::add, timeout);
    drain.start();
    return drain;
  }

  /** A job whose outcome is sent when {@code done} completes. */
  private void jobInFlight(CompletableFuture<Void> done) {
    inFlight.run((client, job) -> done, mock(JobClient.class), mock(ActivatedJob.class));
  }

  @Test
  void stopRefusesTrafficClosesTheWorkersAndWaitsForTheJobsInFlight() {
    CompletableFuture<Void> outcomeSent = new CompletableFuture<>();
    jobInFlight(outcomeSent);
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
        .execute(() -> outcomeSent.complete(null));

    drain(Duration.ofSeconds(30)).stop();

    assertThat(outcomeSent).isDone();
    assertThat(inFlight.count()).isZero();
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            AvailabilityChangeEvent.class,
            e -> assertThat(e.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
    verify(manager).closeAllOpenWorkers();
  }

  @Test
  void stopGivesUpAfterTheDrainTimeout() {
    jobInFlight(new CompletableFuture<>());
    PixverseWorkerDrain drain = drain(Duration.ofMillis(200));

    drain.stop();

    assertThat(inFlight.count()).isEqualTo(1);
    assertThat(drain.isRunning()).isFalse();
  }
}

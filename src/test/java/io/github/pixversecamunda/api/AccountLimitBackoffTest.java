package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.metrics.PixverseMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The replica's wait for the account's limits: growing, capped, jittered, ended by an accept. */
class AccountLimitBackoffTest {

  private final AccountLimitBackoff backoff =
      new AccountLimitBackoff(new AccountLimits(4, Duration.ofSeconds(1), Duration.ofSeconds(30)));

  @Test
  void noRefusalNoPause() {
    assertThat(backoff.pausedFor()).isZero();
  }

  @Test
  void aRefusalPausesTheReplicaAndEachOneInARowDoublesTheWait() {
    backoff.refused(ErrorKind.CONCURRENCY_LIMITED, null);
    assertThat(backoff.pausedFor()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));

    backoff.refused(ErrorKind.CONCURRENCY_LIMITED, null);
    backoff.refused(ErrorKind.CONCURRENCY_LIMITED, null);
    assertThat(backoff.pausedFor()).isBetween(Duration.ofMillis(3500), Duration.ofSeconds(4));
    assertThat(backoff.waitBeforeRetry(1, null))
        .isBetween(Duration.ofMillis(3500), Duration.ofSeconds(5));
  }

  @Test
  void retryAfterIsHonouredUpToTheCeiling() {
    assertThat(backoff.waitBeforeRetry(1, Duration.ofSeconds(10)))
        .isBetween(Duration.ofSeconds(10), Duration.ofMillis(12_500));
    assertThat(backoff.waitBeforeRetry(1, Duration.ofHours(5))).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.waitBeforeRetry(40, null)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void waitsAreJitteredSoThatWaitingJobsDoNotReturnTogether() {
    long distinct =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> backoff.waitBeforeRetry(3, null))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(1);
  }

  @Test
  void anAcceptedSubmitEndsTheSeries() {
    backoff.refused(ErrorKind.RATE_LIMITED, null);
    backoff.refused(ErrorKind.RATE_LIMITED, null);
    backoff.accepted();

    assertThat(backoff.refusalsInARow()).isZero();
    assertThat(backoff.lastKind()).isEqualTo(ErrorKind.RATE_LIMITED);
  }

  @Test
  void theReplicasPauseIsAGaugeInSeconds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PixverseMetrics.submitPause(backoff).bindTo(registry);
    Gauge pause = registry.get(PixverseMetrics.SUBMIT_PAUSE).gauge();
    assertThat(pause.value()).isZero();

    backoff.refused(ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));
    assertThat(pause.value()).isBetween(15.0, 20.0);
    assertThat(pause.getId().getBaseUnit()).isEqualTo("seconds");
  }
}

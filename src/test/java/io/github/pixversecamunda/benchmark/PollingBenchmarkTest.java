package io.github.pixversecamunda.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.worker.PollSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The polling targets as a computation (no engine, no clock): with generation times spread ±50%
 * around the expected time, the default schedule makes fewer than 4 checks per generation and adds
 * less than 10% of the generation time, for every resolution, duration and audio setting.
 */
class PollingBenchmarkTest {

  @Test
  void defaultScheduleMakesFewerThanFourChecksAndAddsUnderATenthOfTheGenerationTime() {
    PollingBenchmark.Result adaptive =
        PollingBenchmark.run(PollingBenchmark.adaptive(PollSchedule.DEFAULT));

    assertThat(adaptive.maxChecks()).isLessThan(4);
    assertThat(adaptive.maxLatencyPct()).isLessThan(10);
  }

  @Test
  void fixedIntervalsCheckOnceRightAwayThenEveryInterval() {
    List<Double> checks =
        PollingBenchmark.fixed(Duration.ofSeconds(10)).checks(Duration.ofSeconds(45), 25);

    assertThat(checks).containsExactly(0.0, 10.0, 20.0, 30.0);
  }

  @Test
  void adaptiveScheduleSkipsTheCheckRightAfterTheSubmit() {
    List<Double> checks =
        PollingBenchmark.adaptive(PollSchedule.DEFAULT).checks(Duration.ofSeconds(45), 40);

    // 28 s (62% of 45 s), then every 8 s (16% of 45 s, rounded up to whole seconds).
    assertThat(checks).containsExactly(28.0, 36.0, 44.0);
  }

  @Test
  void idealBatchStartsEachVideoWhenAnyRunningOneEnds() {
    Map<String, Duration> times =
        Map.of(
            "a",
            Duration.ofSeconds(6),
            "b",
            Duration.ofSeconds(1),
            "c",
            Duration.ofSeconds(1),
            "d",
            Duration.ofSeconds(1),
            "e",
            Duration.ofSeconds(1));

    // Rounds of three would take 6 + 1 = 7 s; starting on every finish, b-e share two slots beside
    // a.
    assertThat(BatchBenchmark.ideal(List.of("a", "b", "c", "d", "e"), times)).isEqualTo(6.0);
  }

  @Test
  void lanesBoundIsTheLongestLaneAndRoundsBoundSumsEachRoundsSlowestVideo() {
    Map<String, Duration> times =
        Map.of(
            "a",
            Duration.ofSeconds(6),
            "b",
            Duration.ofSeconds(1),
            "c",
            Duration.ofSeconds(1),
            "d",
            Duration.ofSeconds(1),
            "e",
            Duration.ofSeconds(1));
    List<String> prompts = List.of("a", "b", "c", "d", "e");

    // Lanes deal i mod 3: {a, d} = 7 s, {b, e} = 2 s, {c} = 1 s. Rounds: max(a, b, c) + max(d, e) =
    // 7 s.
    assertThat(BatchBenchmark.lanesBound(prompts, times)).isEqualTo(7.0);
    assertThat(BatchBenchmark.roundsBound(prompts, times)).isEqualTo(7.0);
  }
}

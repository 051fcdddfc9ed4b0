package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  private final PollSchedule schedule = PollSchedule.DEFAULT;

  @Test
  void expectedTimeGrowsWithResolutionDurationAndAudio() {
    Duration base = PollSchedule.expectedGenerationTime(Resolution.P720, VideoDuration.S5, false);
    assertThat(base).isEqualTo(Duration.ofSeconds(45));
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P1080, VideoDuration.S5, false))
        .isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P720, VideoDuration.S10, false))
        .isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P720, VideoDuration.S5, true))
        .isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P360, VideoDuration.S5, false))
        .isLessThan(base);
  }

  @Test
  void firstCheckComesAtTheEarliestLikelyFinishThenInSteadyStepsThenBacksOffWhenOverdue() {
    Duration expected = Duration.ofSeconds(45);
    // No check before 62% of the expected 45 s (28 s), then one every 16% of it (8 s) ...
    assertThat(schedule.next(expected, Duration.ZERO, null)).isEqualTo(Duration.ofSeconds(28));
    assertThat(schedule.next(expected, Duration.ofSeconds(10), null))
        .isEqualTo(Duration.ofSeconds(18));
    assertThat(schedule.next(expected, Duration.ofSeconds(28), null))
        .isEqualTo(Duration.ofSeconds(8));
    assertThat(schedule.next(expected, Duration.ofSeconds(60), null))
        .isEqualTo(Duration.ofSeconds(8));
    // ... until 1.5 times the expected time has passed: then a fifth of the time elapsed, up to the
    // ceiling.
    assertThat(schedule.next(expected, Duration.ofSeconds(100), null))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(schedule.next(expected, Duration.ofMinutes(30), null))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void stepsNeverGoBelowTheFloor() {
    PollSchedule slowFloor = new PollSchedule(Duration.ofSeconds(12), Duration.ofSeconds(90));
    assertThat(slowFloor.next(Duration.ofSeconds(45), Duration.ofSeconds(30), null))
        .isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aCheckBeforeTheEarliestLikelyFinishIsTooEarly() {
    Duration expected = Duration.ofSeconds(45);
    assertThat(schedule.tooEarlyToCheck(expected, Duration.ZERO)).isTrue();
    assertThat(schedule.tooEarlyToCheck(expected, Duration.ofSeconds(20))).isTrue();
    // Within a floor of the first check, checking now costs no more than waiting.
    assertThat(schedule.tooEarlyToCheck(expected, Duration.ofSeconds(24))).isFalse();
    assertThat(schedule.tooEarlyToCheck(expected, Duration.ofSeconds(28))).isFalse();
  }

  @Test
  void retryAfterWinsOverTheSchedule() {
    assertThat(
            schedule.next(Duration.ofSeconds(45), Duration.ofSeconds(44), Duration.ofSeconds(120)))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(schedule.next(Duration.ofSeconds(45), Duration.ZERO, Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(28));
  }

  @Test
  void boundsMustMakeSense() {
    assertThatThrownBy(() -> new PollSchedule(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

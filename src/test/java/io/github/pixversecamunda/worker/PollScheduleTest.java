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
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P1080, VideoDuration.S5, false)).isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P720, VideoDuration.S10, false)).isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P720, VideoDuration.S5, true)).isGreaterThan(base);
    assertThat(PollSchedule.expectedGenerationTime(Resolution.P360, VideoDuration.S5, false)).isLessThan(base);
  }

  @Test
  void waitsHalfTheRemainingTimeThenBacksOffWhenOverdue() {
    Duration expected = Duration.ofSeconds(45);
    assertThat(schedule.next(expected, Duration.ZERO, null)).isEqualTo(Duration.ofSeconds(23));
    assertThat(schedule.next(expected, Duration.ofSeconds(23), null)).isEqualTo(Duration.ofSeconds(11));
    assertThat(schedule.next(expected, Duration.ofSeconds(44), null)).isEqualTo(Duration.ofSeconds(5));
    assertThat(schedule.next(expected, Duration.ofSeconds(100), null)).isEqualTo(Duration.ofSeconds(20));
    assertThat(schedule.next(expected, Duration.ofMinutes(30), null)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void retryAfterWinsOverTheSchedule() {
    assertThat(schedule.next(Duration.ofSeconds(45), Duration.ofSeconds(44), Duration.ofSeconds(120)))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(schedule.next(Duration.ofSeconds(45), Duration.ZERO, Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(23));
  }

  @Test
  void boundsMustMakeSense() {
    assertThatThrownBy(() -> new PollSchedule(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

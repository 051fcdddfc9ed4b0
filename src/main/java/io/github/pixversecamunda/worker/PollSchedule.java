package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the BPMN timer waits before the next status check. Polling faster than needed costs API
 * calls and engine records; slower adds latency. So the wait aims at the expected finish (which
 * grows with resolution, duration and audio), halving the remaining time as it gets close, then
 * backs off slowly once the generation is overdue. Always within [floor, ceiling] and never shorter
 * than a Retry-After the API asked for.
 */
public record PollSchedule(Duration floor, Duration ceiling) {

  public static final PollSchedule DEFAULT = new PollSchedule(Duration.ofSeconds(5), Duration.ofSeconds(60));

  private static final Map<Resolution, Integer> FIVE_SECOND_VIDEO_SECONDS = new EnumMap<>(Map.of(
      Resolution.P360, 30, Resolution.P540, 35, Resolution.P720, 45, Resolution.P1080, 70));
  private static final Duration AUDIO_EXTRA = Duration.ofSeconds(10);

  public PollSchedule {
    if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0) {
      throw new IllegalArgumentException("need 0 < floor <= ceiling, got floor " + floor + ", ceiling " + ceiling);
    }
  }

  /** The quoted generation time (30–90 s for 5 s at 720p), scaled for what was asked. */
  public static Duration expectedGenerationTime(Resolution resolution, VideoDuration duration, boolean audio) {
    double factor = switch (duration) {
      case S5 -> 1.0;
      case S8 -> 1.4;
      case S10 -> 1.7;
    };
    long seconds = Math.round(FIVE_SECOND_VIDEO_SECONDS.get(resolution) * factor);
    return Duration.ofSeconds(seconds).plus(audio ? AUDIO_EXTRA : Duration.ZERO);
  }

  public Duration next(Duration expected, Duration elapsed, Duration retryAfter) {
    Duration wait;
    if (elapsed.compareTo(expected) < 0) {
      wait = expected.minus(elapsed).dividedBy(2);
    } else {
      wait = elapsed.dividedBy(5);
    }
    wait = clamp(wait);
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    // Whole seconds keep the value readable in Operate and safe for every timer parser.
    return Duration.ofSeconds((wait.toMillis() + 999) / 1000);
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(floor) < 0) {
      return floor;
    }
    return wait.compareTo(ceiling) > 0 ? ceiling : wait;
  }
}

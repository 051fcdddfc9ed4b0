package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How long the BPMN timer waits before the next status check. Polling faster than needed costs API
 * calls and engine records; slower adds latency.
 *
 * <p>Generation times scatter widely around the quoted time (the benchmark assumes ±50%). Every
 * generation pays for the early checks, only the slow ones for the late checks, so the schedule
 * makes no check before {@value #FIRST_CHECK_SHARE} of the expected time (a check right after the
 * submit is always wasted), then checks every {@value #STEP_SHARE} of the expected time, which
 * keeps the added wait under a tenth of the generation time; once the generation is {@value
 * #OVERDUE_SHARE}× overdue it backs off to a fifth of the time elapsed. Over the ±50% spread that
 * averages about 3.6–3.8 checks per generation with 9–10% added latency (the benchmark's {@code
 * polling} figures). Always within [floor, ceiling] and never shorter than a Retry-After the API
 * asked for.
 *
 * @param floor the shortest wait between two checks of one task
 * @param ceiling the longest wait between two checks of one task
 */
public record PollSchedule(Duration floor, Duration ceiling) {

  /** The ceiling leaves room for the first wait of the slowest generations (0.62 × 129 s). */
  public static final PollSchedule DEFAULT =
      new PollSchedule(Duration.ofSeconds(5), Duration.ofSeconds(90));

  /** Share of the expected time before which a check is not worth making. */
  public static final double FIRST_CHECK_SHARE = 0.62;

  /** Share of the expected time between two checks while the generation is within its spread. */
  public static final double STEP_SHARE = 0.16;

  /** Multiple of the expected time after which the generation counts as overdue. */
  public static final double OVERDUE_SHARE = 1.5;

  private static final Map<Resolution, Integer> FIVE_SECOND_VIDEO_SECONDS =
      new EnumMap<>(
          Map.of(
              Resolution.P360, 30, Resolution.P540, 35, Resolution.P720, 45, Resolution.P1080, 70));
  private static final Duration AUDIO_EXTRA = Duration.ofSeconds(10);

  /**
   * Checks the bounds.
   *
   * @param floor the shortest wait between two checks of one task
   * @param ceiling the longest wait between two checks of one task
   * @throws IllegalArgumentException unless 0 &lt; floor &lt;= ceiling
   */
  public PollSchedule {
    if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0) {
      throw new IllegalArgumentException(
          "need 0 < floor <= ceiling, got floor " + floor + ", ceiling " + ceiling);
    }
  }

  /**
   * The quoted generation time (30–90 s for 5 s at 720p), scaled for what was asked.
   *
   * @param resolution the video's resolution
   * @param duration the video's length
   * @param audio whether it has a sound track
   * @return the time a generation is expected to take
   */
  public static Duration expectedGenerationTime(
      Resolution resolution, VideoDuration duration, boolean audio) {
    double factor =
        switch (duration) {
          case S5 -> 1.0;
          case S8 -> 1.4;
          case S10 -> 1.7;
        };
    Integer fiveSeconds = FIVE_SECOND_VIDEO_SECONDS.get(resolution);
    if (fiveSeconds == null) {
      throw new IllegalStateException("no generation time is known for " + resolution);
    }
    long seconds = Math.round(fiveSeconds * factor);
    return Duration.ofSeconds(seconds).plus(audio ? AUDIO_EXTRA : Duration.ZERO);
  }

  /**
   * True while a generation expected to take {@code expected} cannot sensibly be finished yet.
   *
   * @param expected the expected generation time
   * @param elapsed the time since the submit
   * @return true when a check now would be wasted
   */
  public boolean tooEarlyToCheck(Duration expected, Duration elapsed) {
    return elapsed.compareTo(share(expected, FIRST_CHECK_SHARE)) < 0
        && share(expected, FIRST_CHECK_SHARE).minus(elapsed).compareTo(floor) >= 0;
  }

  /**
   * The wait before the next status check: up to the first sensible check, then steps of a share of
   * the expected time, a fifth of the elapsed time once overdue; within the bounds, and never
   * shorter than the API's {@code Retry-After}.
   *
   * @param expected the generation's expected time ({@link #expectedGenerationTime})
   * @param elapsed time since the submit (or the first check)
   * @param retryAfter what the API asked for, or null
   * @return the wait
   */
  public Duration next(Duration expected, Duration elapsed, @Nullable Duration retryAfter) {
    Duration wait;
    if (elapsed.compareTo(share(expected, OVERDUE_SHARE)) < 0) {
      Duration untilFirst = share(expected, FIRST_CHECK_SHARE).minus(elapsed);
      Duration step = share(expected, STEP_SHARE);
      wait = untilFirst.compareTo(step) > 0 ? untilFirst : step;
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

  private static Duration share(Duration expected, double share) {
    return Duration.ofMillis(Math.round(expected.toMillis() * share));
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(floor) < 0) {
      return floor;
    }
    return wait.compareTo(ceiling) > 0 ? ceiling : wait;
  }
}

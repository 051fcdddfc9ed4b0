package io.github.pixversecamunda.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The credit table of the PixVerse 5.6 API page: a 5-second video costs the base price of its
 * resolution; a longer video doubles it, and audio doubles it again.
 *
 * <p>This is the one place the prices are written. The batch process's pricing script and the
 * template descriptions that quote prices are written from this table by the build ({@code
 * CreditTableWriter} in the tests), and a test fails naming the file and line that disagrees.
 */
public final class Credits {

  private static final Map<Resolution, Integer> FIVE_SECONDS =
      new EnumMap<>(
          Map.of(
              Resolution.P360, 70,
              Resolution.P540, 70,
              Resolution.P720, 90,
              Resolution.P1080, 150));

  private static final Map<VideoDuration, Integer> LENGTH_FACTOR =
      new EnumMap<>(Map.of(VideoDuration.S5, 1, VideoDuration.S8, 2, VideoDuration.S10, 2));

  /** Audio multiplies the price by this. */
  public static final int AUDIO_FACTOR = 2;

  private Credits() {}

  /**
   * The credits one video costs: base price × length factor × audio factor.
   *
   * @param resolution the video's resolution
   * @param duration the video's length
   * @param audio whether it has a sound track
   * @return its price in credits
   */
  public static int estimate(Resolution resolution, VideoDuration duration, boolean audio) {
    return fiveSecondPrice(resolution) * lengthFactor(duration) * (audio ? AUDIO_FACTOR : 1);
  }

  /**
   * The price of a 5-second video without audio at this resolution.
   *
   * @param resolution the video's resolution
   * @return its base price in credits
   */
  public static int fiveSecondPrice(Resolution resolution) {
    return listed(FIVE_SECONDS.get(resolution), resolution);
  }

  /**
   * What a length multiplies the base price by.
   *
   * @param duration the video's length
   * @return the factor, 1 for 5 seconds
   */
  public static int lengthFactor(VideoDuration duration) {
    return listed(LENGTH_FACTOR.get(duration), duration);
  }

  /** A value the table must hold: a new choice without its price fails with its name. */
  private static int listed(@Nullable Integer value, Enum<?> choice) {
    if (value == null) {
      throw new IllegalStateException("the credit table has no entry for " + choice);
    }
    return value;
  }

  /**
   * The cheapest video of the table.
   *
   * @return its price in credits
   */
  public static int lowest() {
    return FIVE_SECONDS.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
  }

  /**
   * The dearest video of the table: the highest resolution, the longest factor, with audio.
   *
   * @return its price in credits
   */
  public static int highest() {
    int base = FIVE_SECONDS.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int length = LENGTH_FACTOR.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    return base * length * AUDIO_FACTOR;
  }

  /**
   * One line per resolution, for tooltips and documentation.
   *
   * @return e.g. {@code 5 s: 360p 70, ...; 8 s or 10 s doubles; audio doubles}
   */
  public static String describe() {
    StringJoiner prices = new StringJoiner(", ", "5 s: ", "");
    FIVE_SECONDS.forEach((resolution, credits) -> prices.add(resolution.wire() + " " + credits));
    StringJoiner rules = new StringJoiner("; ", prices + "; ", "");
    longerDurations().forEach((factor, durations) -> rules.add(durations + " " + times(factor)));
    rules.add("audio " + times(AUDIO_FACTOR));
    return rules.toString();
  }

  /** The lengths that change the price, by factor: {@code 2 -> "8 s or 10 s"}. */
  private static Map<Integer, String> longerDurations() {
    Map<Integer, List<String>> byFactor = new LinkedHashMap<>();
    LENGTH_FACTOR.forEach(
        (duration, factor) -> {
          if (factor != 1) {
            byFactor.computeIfAbsent(factor, f -> new ArrayList<>()).add(duration.wire() + " s");
          }
        });
    Map<Integer, String> joined = new LinkedHashMap<>();
    byFactor.forEach((factor, durations) -> joined.put(factor, String.join(" or ", durations)));
    return joined;
  }

  private static String times(int factor) {
    return factor == 2 ? "doubles" : "multiplies by " + factor;
  }
}

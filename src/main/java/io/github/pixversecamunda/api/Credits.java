package io.github.pixversecamunda.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The credit table of the PixVerse 5.6 API page: a 5-second video costs the base price of its
 * resolution; a longer video doubles it, and audio doubles it again.
 */
public final class Credits {

  private static final Map<Resolution, Integer> FIVE_SECONDS =
      new EnumMap<>(
          Map.of(
              Resolution.P360, 70,
              Resolution.P540, 70,
              Resolution.P720, 90,
              Resolution.P1080, 150));

  private Credits() {}

  public static int estimate(Resolution resolution, VideoDuration duration, boolean audio) {
    int credits = FIVE_SECONDS.get(resolution);
    if (duration != VideoDuration.S5) {
      credits *= 2;
    }
    if (audio) {
      credits *= 2;
    }
    return credits;
  }

  /** One line per resolution, for tooltips and documentation. */
  public static String describe() {
    StringJoiner prices = new StringJoiner(", ", "5 s: ", "; 8 s or 10 s doubles; audio doubles");
    FIVE_SECONDS.forEach((resolution, credits) -> prices.add(resolution.wire() + " " + credits));
    return prices.toString();
  }
}

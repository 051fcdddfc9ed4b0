package io.github.pixversecamunda.api;

import java.time.Duration;

/**
 * How one replica treats the account's limits. PixVerse plans cap how many generations run at once
 * and the gateway limits the rate; a refusal for either means "not yet", so the submit waits and
 * tries again, and while the API says "wait" the whole replica holds its submits back instead of
 * adding to the refusals.
 *
 * @param maxSubmitsInFlight submits this replica has open at once; further submits queue without a
 *     thread. Set it to the plan's number of generations at once divided by the replicas.
 * @param firstWait the wait after a first refusal; it doubles with every refusal in a row
 * @param maxWait the longest single wait, a {@code Retry-After} included (a larger one is capped)
 */
public record AccountLimits(int maxSubmitsInFlight, Duration firstWait, Duration maxWait) {

  public static final int DEFAULT_MAX_SUBMITS_IN_FLIGHT = 8;
  public static final Duration DEFAULT_FIRST_WAIT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);

  public static final AccountLimits DEFAULT =
      new AccountLimits(DEFAULT_MAX_SUBMITS_IN_FLIGHT, DEFAULT_FIRST_WAIT, DEFAULT_MAX_WAIT);

  /**
   * Fills in the default for a value that is absent, zero or negative.
   *
   * @param maxSubmitsInFlight submits this replica has open at once; further submits queue without
   *     a thread. Set it to the plan's number of generations at once divided by the replicas.
   * @param firstWait the wait after a first refusal; it doubles with every refusal in a row
   * @param maxWait the longest single wait, a {@code Retry-After} included (a larger one is capped)
   */
  public AccountLimits {
    maxSubmitsInFlight =
        maxSubmitsInFlight <= 0 ? DEFAULT_MAX_SUBMITS_IN_FLIGHT : maxSubmitsInFlight;
    firstWait =
        firstWait == null || firstWait.compareTo(Duration.ZERO) <= 0
            ? DEFAULT_FIRST_WAIT
            : firstWait;
    maxWait = maxWait == null || maxWait.compareTo(Duration.ZERO) <= 0 ? DEFAULT_MAX_WAIT : maxWait;
    if (maxWait.compareTo(firstWait) < 0) {
      throw new IllegalArgumentException(
          "need firstWait <= maxWait, got firstWait " + firstWait + ", maxWait " + maxWait);
    }
  }
}

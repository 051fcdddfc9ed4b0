package io.github.pixversecamunda.api;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The recent outcome of API calls, for a health check that never calls the API itself (a check that
 * submitted would spend credits). Thread-safe.
 */
public final class ApiCallHistory implements ApiCallObserver {

  /**
   * What is known now; times are null until the first such call.
   *
   * @param calls calls finished so far
   * @param lastSuccessAt when the API last accepted a call
   * @param lastFailureAt when a call last failed
   * @param lastFailure how it failed
   * @param authenticationFailuresInARow refusals of the key since the last accepted call
   */
  public record Snapshot(
      long calls,
      @Nullable Instant lastSuccessAt,
      @Nullable Instant lastFailureAt,
      @Nullable ErrorKind lastFailure,
      int authenticationFailuresInARow) {}

  private final Clock clock;
  private Snapshot snapshot = new Snapshot(0, null, null, null, 0);

  /** A history on the system clock, with no call yet. */
  public ApiCallHistory() {
    this(Clock.systemUTC());
  }

  /**
   * A history that stamps calls with {@code clock} (tests fix the time).
   *
   * @param clock stamps the calls
   */
  public ApiCallHistory(Clock clock) {
    this.clock = clock;
  }

  /** {@return what is known now; never calls the API} */
  public synchronized Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public synchronized void callFinished(Endpoint endpoint, @Nullable ErrorKind failure) {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (failure == null) {
      // Only an answer the API accepted proves the key good again.
      snapshot = new Snapshot(s.calls() + 1, now, s.lastFailureAt(), s.lastFailure(), 0);
    } else {
      int authFailures =
          s.authenticationFailuresInARow() + (failure == ErrorKind.AUTHENTICATION ? 1 : 0);
      snapshot = new Snapshot(s.calls() + 1, s.lastSuccessAt(), now, failure, authFailures);
    }
  }
}

package io.github.pixversecamunda.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The replica's memory of the account's refusals: after one, no submit of this replica goes out
 * until the wait is over, so that many jobs (and many replicas, each with its own pause) do not
 * hammer an API that has asked them to stop. Waits grow with the refusals in a row, honour {@code
 * Retry-After} up to {@link AccountLimits#maxWait()} and carry jitter, so that the jobs that waited
 * do not all come back in the same instant. An accepted submit ends the series.
 */
public final class AccountLimitBackoff {

  private static final int MAX_DOUBLINGS = 16;

  private final AccountLimits limits;
  private long pausedUntilNanos = System.nanoTime();
  private int refusalsInARow;
  private ErrorKind lastKind = ErrorKind.CONCURRENCY_LIMITED;

  /**
   * A replica's memory of refusals, not paused yet.
   *
   * @param limits the first and longest wait
   */
  public AccountLimitBackoff(AccountLimits limits) {
    this.limits = limits;
  }

  /** {@return the waits and ceilings this back-off applies} */
  public AccountLimits limits() {
    return limits;
  }

  /** The API refused a submit for the account's limits: the replica pauses. */
  synchronized void refused(ErrorKind kind, @Nullable Duration retryAfter) {
    refusalsInARow++;
    lastKind = kind;
    Duration pause = grown(refusalsInARow, retryAfter);
    long until = System.nanoTime() + pause.toNanos();
    if (until - pausedUntilNanos > 0) {
      pausedUntilNanos = until;
    }
  }

  /** The API accepted a submit: the limit has room again. */
  synchronized void accepted() {
    refusalsInARow = 0;
  }

  /**
   * How long the replica still holds its submits back; zero when it does not.
   *
   * @return the pause left, or zero
   */
  public synchronized Duration pausedFor() {
    long left = pausedUntilNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /**
   * The kind of the refusal that started the current pause.
   *
   * @return the kind of the last refusal: rate or generations at once
   */
  public synchronized ErrorKind lastKind() {
    return lastKind;
  }

  /** {@return refusals for the account's limits since the last accepted submit} */
  public synchronized int refusalsInARow() {
    return refusalsInARow;
  }

  /**
   * The wait before a job tries its submit again, after its {@code jobRefusals}-th refusal (1 for
   * the first): the grown wait, never shorter than the replica's pause or the API's {@code
   * Retry-After}, never longer than {@link AccountLimits#maxWait()}, plus up to a quarter of jitter
   * within that ceiling.
   *
   * @param jobRefusals refusals of this job's submits so far
   * @param retryAfter what the API asked for, or null
   * @return the wait
   */
  public Duration waitBeforeRetry(int jobRefusals, @Nullable Duration retryAfter) {
    int refusals;
    synchronized (this) {
      refusals = Math.max(jobRefusals, refusalsInARow);
    }
    Duration wait = grown(Math.max(1, refusals), retryAfter);
    Duration paused = pausedFor();
    if (paused.compareTo(wait) > 0) {
      wait = paused;
    }
    long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 4 + 1);
    Duration jittered = wait.plusMillis(jitter);
    return jittered.compareTo(limits.maxWait()) > 0 ? limits.maxWait() : jittered;
  }

  private Duration grown(int refusals, @Nullable Duration retryAfter) {
    Duration wait = limits.firstWait().multipliedBy(1L << Math.min(refusals - 1, MAX_DOUBLINGS));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return wait.compareTo(limits.maxWait()) > 0 ? limits.maxWait() : wait;
  }
}

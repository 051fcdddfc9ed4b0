package io.github.pixversecamunda.simulator;

import java.time.Duration;

/**
 * Something the simulator does instead of (or before) answering normally.
 *
 * @param kind what happens
 * @param status HTTP status for {@link Kind#STATUS}
 * @param retryAfter value of the Retry-After header for {@link Kind#STATUS}, or null for none
 * @param delay how long to wait for {@link Kind#DELAY} (before handling) or {@link Kind#ANSWER_LATE} (after)
 */
public record Fault(Kind kind, int status, String retryAfter, Duration delay) {

  public enum Kind {
    /** Answer with an error status and the API's error body. */
    STATUS,
    /** Wait, then answer normally. */
    DELAY,
    /** Close the connection without reading the request: nothing is created. */
    DROP_BEFORE_READ,
    /** Handle the request (a submit creates its paid task), then close without answering. */
    DROP_AFTER_READ,
    /** Answer 200 with a body that is not JSON (a submit still creates its task). */
    MALFORMED_BODY,
    /** Answer 200 with JSON cut off in the middle (a submit still creates its task). */
    TRUNCATED_JSON,
    /** Handle the request (a submit creates its paid task), then wait {@code delay} before answering. */
    ANSWER_LATE
  }

  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status, null, null);
  }

  public static Fault status(int status, Duration retryAfter) {
    return new Fault(Kind.STATUS, status, Long.toString(retryAfter.toSeconds()), null);
  }

  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 0, null, delay);
  }

  public static Fault dropBeforeRead() {
    return new Fault(Kind.DROP_BEFORE_READ, 0, null, null);
  }

  public static Fault dropAfterRead() {
    return new Fault(Kind.DROP_AFTER_READ, 0, null, null);
  }

  /** The task is created (and paid) at once; its answer arrives only after {@code delay}. */
  public static Fault answerLate(Duration delay) {
    return new Fault(Kind.ANSWER_LATE, 0, null, delay);
  }

  public static Fault truncatedJson() {
    return new Fault(Kind.TRUNCATED_JSON, 0, null, null);
  }

  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, 0, null, null);
  }
}

package io.github.pixversecamunda.simulator;

import java.time.Duration;

/**
 * Something the simulator does instead of (or before) answering normally.
 *
 * @param kind what happens
 * @param status HTTP status for {@link Kind#STATUS}
 * @param retryAfter value of the Retry-After header for {@link Kind#STATUS}, or null for none
 * @param delay how long to wait for {@link Kind#DELAY} (then the request is handled normally)
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
    MALFORMED_BODY
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

  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, 0, null, null);
  }
}

package io.github.pixversecamunda.simulator;

import java.time.Duration;

/**
 * Something the simulator does instead of (or before) answering normally.
 *
 * @param kind what happens
 * @param status HTTP status for {@link Kind#STATUS}, or the error code inside the answer for {@link
 *     Kind#ERROR_IN_OK}
 * @param retryAfter value of the Retry-After header for {@link Kind#STATUS}, or null for none
 * @param delay how long to wait for {@link Kind#DELAY} (before handling) or {@link
 *     Kind#ANSWER_LATE} (after); for {@link Kind#ANSWER} the pause between two bytes of the body
 * @param headers extra answer headers for {@link Kind#ANSWER}
 * @param body the body of {@link Kind#ANSWER}: {@value #TASK_ID} becomes the task's id, {@value
 *     #API_KEY} the key the request carried
 * @param createsTask for {@link Kind#ANSWER} on a submit: the paid task is created first
 */
public record Fault(
    Kind kind,
    int status,
    String retryAfter,
    Duration delay,
    java.util.Map<String, String> headers,
    String body,
    boolean createsTask) {

  /** Placeholder in an {@link Kind#ANSWER} body for the task's id. */
  public static final String TASK_ID = "{taskId}";

  /** Placeholder in an {@link Kind#ANSWER} body for the API key the request carried. */
  public static final String API_KEY = "{apiKey}";

  public Fault(Kind kind, int status, String retryAfter, Duration delay) {
    this(kind, status, retryAfter, delay, java.util.Map.of(), null, false);
  }

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
    /**
     * Handle the request (a submit creates its paid task), then wait {@code delay} before
     * answering.
     */
    ANSWER_LATE,
    /**
     * Answer 200 with an HTML page, as a proxy or login wall would (a submit still creates its
     * task).
     */
    HTML_PAGE,
    /**
     * Answer HTTP 200 whose body is the API's error envelope carrying {@code status}: nothing is
     * created.
     */
    ERROR_IN_OK,
    /**
     * A submit or check answers a status word the client does not know; a download is unaffected.
     */
    UNKNOWN_STATUS,
    /**
     * A check answers "completed" without any video URL (a submit answers "completed" likewise); a
     * download answers 200 with a video content type and no bytes.
     */
    COMPLETED_WITHOUT_URL,
    /**
     * Answer exactly this status, these headers and this body (a submit creates its paid task first
     * when {@code createsTask}); with a {@code delay}, the body drips one byte per delay.
     */
    ANSWER
  }

  /** Answers {@code status} with {@code body} (see {@link #TASK_ID}, {@link #API_KEY}). */
  public static Fault answer(int status, String body) {
    return new Fault(Kind.ANSWER, status, null, null, java.util.Map.of(), body, false);
  }

  /** The same answer, after the submit created its paid task. */
  public Fault afterCreatingTask() {
    return new Fault(kind, status, retryAfter, delay, headers, body, true);
  }

  /** The same answer with one more header. */
  public Fault withHeader(String name, String value) {
    java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Fault(
        kind, status, retryAfter, delay, java.util.Map.copyOf(more), body, createsTask);
  }

  /** The same answer, its body sent one byte per {@code pause}. */
  public Fault dripping(Duration pause) {
    return new Fault(kind, status, retryAfter, pause, headers, body, createsTask);
  }

  /** The status word {@link Kind#UNKNOWN_STATUS} answers. */
  public static final String UNKNOWN_STATUS_WORD = "awaiting_gpu_slot";

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

  public static Fault htmlPage() {
    return new Fault(Kind.HTML_PAGE, 0, null, null);
  }

  /** HTTP 200 carrying the API's error envelope with {@code code} inside. */
  public static Fault errorInOk(int code) {
    return new Fault(Kind.ERROR_IN_OK, code, null, null);
  }

  public static Fault unknownStatus() {
    return new Fault(Kind.UNKNOWN_STATUS, 0, null, null);
  }

  public static Fault completedWithoutUrl() {
    return new Fault(Kind.COMPLETED_WITHOUT_URL, 0, null, null);
  }

  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, 0, null, null);
  }
}

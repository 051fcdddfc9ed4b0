package io.github.pixversecamunda.api;

/** What went wrong talking to the API, in the terms a caller has to decide on. */
public enum ErrorKind {
  /** 400: the API refused the parameters. Nothing was created. */
  INVALID_REQUEST(false),
  /** 401/403: the key is missing, wrong or not allowed. An operator must fix configuration. */
  AUTHENTICATION(false),
  /** The account lacks credits. Nothing was created. */
  INSUFFICIENT_CREDITS(false),
  /** 429: slow down; {@link PixverseApiException#retryAfter()} says how long when the API told. */
  RATE_LIMITED(true),
  /**
   * The account runs as many generations as its plan allows (PixVerse's code 500044, or a message
   * naming the concurrent-generation limit), whatever status the answer came with. Nothing was
   * created; the same submit succeeds once a running generation ends.
   */
  CONCURRENCY_LIMITED(true),
  /** 5xx: the API failed. For a submit, the API said so: no task was accepted. */
  SERVER_ERROR(true),
  /** 404: no such task (or endpoint). */
  NOT_FOUND(false),
  /** The connection could not be made: the request never left, so trying again is safe. */
  CONNECTION_FAILED(true),
  /**
   * The request was sent but no answer came (timeout, connection lost). A submit in this state may
   * have created a paid task: do not send it again without checking.
   */
  OUTCOME_UNKNOWN(false),
  /** An answer came but could not be read. After a submit, a paid task may exist. */
  MALFORMED_RESPONSE(false);

  private final boolean transientFault;

  ErrorKind(boolean transientFault) {
    this.transientFault = transientFault;
  }

  /**
   * True when a submit that failed this way may still have created (and charged) a task.
   *
   * @return true for an outcome nobody can know
   */
  public boolean mayHaveCreatedTask() {
    return this == OUTCOME_UNKNOWN || this == MALFORMED_RESPONSE;
  }

  /**
   * True for a refusal because of the account's limits (rate or generations at once): not a fault,
   * so a submit waits for it without spending a retry.
   *
   * @return true for {@link #RATE_LIMITED} and {@link #CONCURRENCY_LIMITED}
   */
  public boolean isAccountLimit() {
    return this == RATE_LIMITED || this == CONCURRENCY_LIMITED;
  }

  /**
   * True when repeating the same request later is both safe and may succeed.
   *
   * @return true when a later repeat is safe and may succeed
   */
  public boolean isTransient() {
    return transientFault;
  }
}

package io.github.pixversecamunda.api;

/** Where a generation stands, whatever words the API used to say it. */
public enum TaskState {
  /**
   * Still generating, or a status word this library does not know yet (never read as a failure).
   */
  RUNNING,
  /** The video is ready (the answer may still lack its URL). */
  COMPLETED,
  /** The generation ended without a video; its reason says why. */
  FAILED;

  /** {@return true when no later check can change the state} */
  public boolean isFinal() {
    return this != RUNNING;
  }
}

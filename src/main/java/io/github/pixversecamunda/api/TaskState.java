package io.github.pixversecamunda.api;

/** Where a generation stands, whatever words the API used to say it. */
public enum TaskState {
  /**
   * Still generating, or a status word this library does not know yet (never read as a failure).
   */
  RUNNING,
  COMPLETED,
  FAILED;

  public boolean isFinal() {
    return this != RUNNING;
  }
}

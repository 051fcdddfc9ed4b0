package io.github.pixversecamunda.worker;

/** The job types the workers subscribe to; the element templates set the same strings. */
public final class JobTypes {

  /** Validates, checks the budget and submits once; completes with the task id. */
  public static final String SUBMIT_VIDEO = "pixverse-submit-video";

  /** One status check per job; the process loops until the task is final. */
  public static final String AWAIT_TASK = "pixverse-await-task";

  /** Keeps the finished video in the configured store. */
  public static final String DOWNLOAD_VIDEO = "pixverse-download-video";

  private JobTypes() {}
}

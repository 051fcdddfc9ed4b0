package io.github.pixversecamunda.worker;

/** The job types the workers subscribe to; the element templates set the same strings. */
public final class JobTypes {

  public static final String SUBMIT_VIDEO = "pixverse-submit-video";
  public static final String AWAIT_TASK = "pixverse-await-task";
  public static final String DOWNLOAD_VIDEO = "pixverse-download-video";

  private JobTypes() {}
}

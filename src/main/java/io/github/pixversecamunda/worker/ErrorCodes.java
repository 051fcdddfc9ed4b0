package io.github.pixversecamunda.worker;

/**
 * BPMN error codes the workers throw, for failures a process can act on. Boundary events catch them
 * by these codes; each carries the variable {@value Variables#ERROR} with details.
 */
public final class ErrorCodes {

  /** An input or task header is not allowed; the message names each field. Nothing was sent. */
  public static final String INVALID_INPUT = "PIXVERSE_INVALID_INPUT";

  /** The estimate is above {@code maxCredits}; nothing was submitted. */
  public static final String BUDGET_EXCEEDED = "PIXVERSE_BUDGET_EXCEEDED";

  /** The API refused the request as invalid; no task was created. */
  public static final String INVALID_REQUEST = "PIXVERSE_INVALID_REQUEST";

  /** The account has too few credits; no task was created. */
  public static final String INSUFFICIENT_CREDITS = "PIXVERSE_INSUFFICIENT_CREDITS";

  /** The task ended without a video (paid; the reason is in the error variable). */
  public static final String GENERATION_FAILED = "PIXVERSE_GENERATION_FAILED";

  /** The task was refused for its content (moderation). */
  public static final String CONTENT_REJECTED = "PIXVERSE_CONTENT_REJECTED";

  /** The API knows no task with this id. */
  public static final String TASK_NOT_FOUND = "PIXVERSE_TASK_NOT_FOUND";

  /** The file host answered 403, 404 or 410: the result URL has expired. */
  public static final String VIDEO_EXPIRED = "PIXVERSE_VIDEO_EXPIRED";

  /** The video URL, a redirect, the size or the content type was not acceptable. */
  public static final String DOWNLOAD_REFUSED = "PIXVERSE_DOWNLOAD_REFUSED";

  /** The target file exists with other content and overwriting was not allowed. */
  public static final String FILE_EXISTS = "PIXVERSE_FILE_EXISTS";

  private ErrorCodes() {}
}

package io.github.pixversecamunda.download;

/** Why a download did not produce a file. No partial file is ever left behind. */
public class DownloadException extends RuntimeException {

  public enum Kind {
    /** 403, 404 or 410 from the file host: the result URL has expired. */
    EXPIRED,
    /** The URL, a redirect, the size or the content type is not acceptable. Nothing was kept. */
    REFUSED,
    /** The file exists and overwriting was not allowed. */
    EXISTS,
    /** The file name is not acceptable. */
    INVALID_NAME,
    /** Worth retrying: 5xx, 429, no connection, truncated body. */
    TRANSIENT,
    /**
     * The storage directory is missing or not writable, or the disk is full: an operator must act.
     */
    STORAGE
  }

  private final Kind kind;

  public DownloadException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public DownloadException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}

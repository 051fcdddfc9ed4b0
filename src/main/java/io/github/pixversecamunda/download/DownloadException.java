package io.github.pixversecamunda.download;

import org.jspecify.annotations.Nullable;

/** Why a download did not keep a video. Nothing half-written is ever left visible. */
public class DownloadException extends RuntimeException {

  public enum Kind {
    /** 403, 404 or 410 from the file host: the result URL has expired. */
    EXPIRED,
    /** The URL, a redirect, the size or the content type is not acceptable. Nothing was kept. */
    REFUSED,
    /** The key holds other content and overwriting was not allowed. */
    EXISTS,
    /** The object key is not acceptable ({@link ObjectKeys}). */
    INVALID_NAME,
    /** Worth retrying: 5xx, 429, no connection, truncated body. */
    TRANSIENT,
    /**
     * The store is misconfigured or refuses (a missing directory or bucket, refused credentials or
     * permission, an unknown document store, a full disk): an operator must act.
     */
    STORAGE
  }

  private final Kind kind;

  public DownloadException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Never null: what was refused and why, or at least the kind for a caller that gave no text. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? kind.name() : message;
  }

  public DownloadException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}

package io.github.pixversecamunda.download;

import org.jspecify.annotations.Nullable;

/** Why a download did not keep a video. Nothing half-written is ever left visible. */
public class DownloadException extends RuntimeException {

  /** What the download worker does about a failure: a BPMN error, a retry or an incident. */
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

  /** What went wrong, in the terms the download worker acts on. */
  private final Kind kind;

  /**
   * A failure with its cause.
   *
   * @param kind what went wrong
   * @param message what was refused and why, for the job's error or incident
   * @param cause the underlying failure, or null
   */
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

  /**
   * A failure found by the worker's own checks.
   *
   * @param kind what went wrong
   * @param message what was refused and why, for the job's error or incident
   */
  public DownloadException(Kind kind, String message) {
    this(kind, message, null);
  }

  /** {@return what went wrong, in the terms the download worker acts on} */
  public Kind kind() {
    return kind;
  }
}

package io.github.pixversecamunda.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A classified failure of one API call. The message names the kind, the HTTP status, the API's own
 * message and the task id where there is one; it never contains the API key.
 */
public class PixverseApiException extends RuntimeException {

  /** What the failure means for the caller. */
  private final ErrorKind kind;

  /** The answer's status (or the code inside it); 0 when no answer came. */
  private final int httpStatus;

  /** The API's own words (redacted), or the client's when there was no answer. */
  private final String apiMessage;

  /** The task the call was about or that an answer named; null for none. */
  private final @Nullable String taskId;

  private final transient @Nullable Duration retryAfter;

  /**
   * A failure described for logs, incidents and job errors; the message is built from the parts.
   *
   * @param kind what the failure means for the caller
   * @param httpStatus the answer's status, or 0 when no answer came
   * @param apiMessage the API's own words, already redacted
   * @param taskId the task concerned, or null
   * @param retryAfter the wait the API asked for, or null
   * @param cause the transport's failure, or null
   */
  public PixverseApiException(
      ErrorKind kind,
      int httpStatus,
      String apiMessage,
      @Nullable String taskId,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(describe(kind, httpStatus, apiMessage, taskId), cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.apiMessage = apiMessage;
    this.taskId = taskId;
    this.retryAfter = retryAfter;
  }

  /** Never null: every failure is described (kind, status, the API's message, the task id). */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** {@return what the failure means for the caller: retry, wait, fix or stop} */
  public ErrorKind kind() {
    return kind;
  }

  /**
   * The HTTP status of the answer (or the error code inside a 200 answer); 0 when none came.
   *
   * @return the status, or 0
   */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@return the API's own words (redacted), or the client's when no answer came} */
  public String apiMessage() {
    return apiMessage;
  }

  /** {@return the task the call concerned or an answer named, when there is one} */
  public Optional<String> taskId() {
    return Optional.ofNullable(taskId);
  }

  /** {@return the wait the API asked for ({@code Retry-After}, capped), when it asked} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static String describe(
      ErrorKind kind, int status, String apiMessage, @Nullable String taskId) {
    StringBuilder text =
        new StringBuilder("PixVerse API ")
            .append(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    if (status > 0) {
      text.append(" (HTTP ").append(status).append(')');
    }
    if (apiMessage != null && !apiMessage.isBlank()) {
      text.append(": ").append(apiMessage);
    }
    if (taskId != null) {
      text.append(" [task ").append(taskId).append(']');
    }
    return text.toString();
  }
}

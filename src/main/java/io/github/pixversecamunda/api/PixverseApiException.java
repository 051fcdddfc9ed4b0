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

  private final ErrorKind kind;
  private final int httpStatus;
  private final String apiMessage;
  private final @Nullable String taskId;
  private final transient @Nullable Duration retryAfter;

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

  public ErrorKind kind() {
    return kind;
  }

  /** The HTTP status of the answer (or the error code inside a 200 answer); 0 when none came. */
  public int httpStatus() {
    return httpStatus;
  }

  public String apiMessage() {
    return apiMessage;
  }

  public Optional<String> taskId() {
    return Optional.ofNullable(taskId);
  }

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

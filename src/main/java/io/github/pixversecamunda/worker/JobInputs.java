package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * How the handlers read a job's inputs and task headers: blank is absent, a bad header a default.
 */
final class JobInputs {

  static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(10);

  private JobInputs() {}

  static String resultVariable(ActivatedJob job, String fallback) {
    String name = job.getCustomHeaders().get(Variables.RESULT_VARIABLE_HEADER);
    return name == null || name.isBlank() ? fallback : name.trim();
  }

  static Duration retryBackoff(ActivatedJob job) {
    String text = job.getCustomHeaders().get(Variables.RETRY_BACKOFF_HEADER);
    if (text == null || text.isBlank()) {
      return DEFAULT_RETRY_BACKOFF;
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      return DEFAULT_RETRY_BACKOFF;
    }
  }

  /** Blank means absent: template fields left empty arrive as empty strings. */
  static @Nullable String text(@Nullable Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}

package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-task job timeout (task header {@value #HEADER}, ISO-8601): a worker subscribes with one
 * timeout for all tasks, so a task that needs longer, such as a large download over a slow link,
 * asks for it in its header and the handler extends its job as soon as it picks it up.
 */
public final class JobTimeout {

  public static final String HEADER = "jobTimeout";
  private static final Logger LOG = LoggerFactory.getLogger(JobTimeout.class);

  private JobTimeout() {
  }

  /** The header's duration; absent when it is blank, unparsable or not positive. */
  public static Optional<Duration> requested(ActivatedJob job) {
    String text = job.getCustomHeaders().get(HEADER);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Duration timeout = Duration.parse(text.trim());
      return timeout.isNegative() || timeout.isZero() ? Optional.empty() : Optional.of(timeout);
    } catch (DateTimeParseException e) {
      LOG.warn("Job {} ({}): task header {}='{}' is not an ISO-8601 duration; keeping the worker's timeout",
          job.getKey(), job.getType(), HEADER, text);
      return Optional.empty();
    }
  }

  /** Asks Zeebe to give this job the task's timeout, counted from now; a lost command is only logged. */
  public static void apply(JobClient client, ActivatedJob job) {
    requested(job).ifPresent(timeout -> client.newUpdateTimeoutCommand(job).timeout(timeout).send()
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            LOG.warn("Job {} ({}): could not set its timeout to {}: {}", job.getKey(), job.getType(), timeout,
                failure.getMessage());
          }
        }));
  }
}

package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.PixverseApiException;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import io.github.pixversecamunda.download.DownloadException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the handlers tell the outside world about the jobs they finish, for metrics. No-op by
 * default; {@code io.github.pixversecamunda.metrics.PixverseMetrics} backs it with Micrometer.
 * Called on API and gRPC threads: implementations must be thread-safe and quick. Arguments are
 * chosen to be safe as metric tags (never a task id or a prompt).
 */
public interface WorkerEvents {

  /** Hears nothing: for handlers without metrics. */
  WorkerEvents NONE = new WorkerEvents() {};

  /** Where in the life of a generation something went wrong. */
  enum Phase {
    /** The submit call. */
    SUBMIT,
    /** An await job: its status check failed (the call itself, not the generation). */
    AWAIT,
    /** PixVerse reported the generation failed or rejected its content. */
    GENERATION,
    /** Keeping the finished video. */
    DOWNLOAD;

    /** {@return the phase as a metric tag value, e.g. {@code submit}} */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Failure kind: a job found a submit attempt of its task without a task id (a worker died
   * mid-submit).
   */
  String ATTEMPT_UNRECORDED = "attempt_unrecorded";

  /** Failure kind: an accepted (paid) submit whose task id could not be recorded on the task. */
  String TASK_ID_UNRECORDED = "task_id_unrecorded";

  /**
   * The API accepted a (paid) submit. Not called for a redelivered job that reuses its task.
   *
   * @param request what was submitted (its price and fields, never the prompt as a tag)
   */
  default void submitAccepted(GenerationRequest request) {}

  /**
   * A status check found the task completed. {@code sinceSubmit} is null when the submit time is
   * not known (an await task used without the submit result).
   *
   * @param resolution the video's resolution
   * @param duration the video's length
   * @param statusChecks the checks it took
   * @param sinceSubmit time since the accepted submit, or null when the submit result was not
   *     mapped in
   */
  default void generationCompleted(
      Resolution resolution,
      VideoDuration duration,
      int statusChecks,
      @Nullable Duration sinceSubmit) {}

  /**
   * A job of {@code phase} failed with {@code kind} (see {@link #kindOf}) and ends with {@code
   * outcome}.
   *
   * @param phase where it failed
   * @param kind the error kind as a tag value ({@link #kindOf})
   * @param outcome what the worker did about it
   */
  default void failed(Phase phase, String kind, JobOutcome outcome) {}

  /**
   * A submit waits for the account's limit ({@code reason}: {@code concurrency_limited} or {@code
   * rate_limited}) for {@code wait}, spending no retry; {@code refused} when the API refused it now
   * (false when this replica held the submit back without sending it).
   *
   * @param reason {@code concurrency_limited} or {@code rate_limited}
   * @param wait how long the job waits
   * @param refused true when the API refused just now, false when the replica held the submit back
   */
  default void submitWaited(String reason, Duration wait, boolean refused) {}

  /**
   * The download worker kept a video ({@code reused}: an identical file was already there).
   *
   * @param bytes the video's size
   * @param took the time to fetch and keep it
   * @param reused true when an identical file was already there
   */
  default void downloaded(long bytes, Duration took, boolean reused) {}

  /**
   * A low-cardinality name for a failure: the API's or the downloader's error kind, lower case.
   *
   * @param failure what went wrong
   * @return the failure as a metric tag value
   */
  static String kindOf(Throwable failure) {
    if (failure instanceof PixverseApiException e) {
      return e.kind().name().toLowerCase(Locale.ROOT);
    }
    if (failure instanceof DownloadException e) {
      return e.kind().name().toLowerCase(Locale.ROOT);
    }
    if (failure instanceof InvalidInputException) {
      return "invalid_input";
    }
    return "unexpected";
  }
}

package io.github.pixversecamunda.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What one await job hands the process ({@value Variables#DEFAULT_AWAIT_RESULT} by default); the
 * next await job of the same task reads it back as its previous result. Each await job makes at
 * most one status check (one request to the API's status endpoint); the fields named after checks
 * count those requests and keep their names as they are because processes read them. Written and
 * read through Jackson ({@link Results}).
 *
 * @param state RUNNING, COMPLETED or FAILED (the library's reading of the API's status)
 * @param status the API's own word, when it gave one
 * @param checks status checks of this task so far (0 while it is too early to ask)
 * @param nextPollIn ISO-8601 wait before the next check, while the task runs
 * @param rawAnswer the API's answer, kept when it says completed but names no video URL
 * @param lastError why this check learned nothing new (e.g. rate limited)
 * @param taskId the task that was checked
 * @param firstCheckedAt when this task was first checked (or submitted), ISO-8601
 * @param checkedAt when this check ran, ISO-8601
 * @param videoUrl the finished video's URL, once completed
 * @param failureReason the API's reason, once failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwaitResult(
    @Nullable String taskId,
    @Nullable String state,
    @Nullable String status,
    int checks,
    @Nullable String firstCheckedAt,
    @Nullable String checkedAt,
    @Nullable String nextPollIn,
    @Nullable String videoUrl,
    @Nullable String failureReason,
    @Nullable String rawAnswer,
    @Nullable String lastError) {

  /**
   * This check with what it found beyond the state: a video, a failure, or why it learned nothing.
   * Every one not given is left out of the variable.
   */
  AwaitResult withFindings(
      @Nullable String videoUrl,
      @Nullable String failureReason,
      @Nullable String rawAnswer,
      @Nullable String lastError) {
    return new AwaitResult(
        taskId,
        state,
        status,
        checks,
        firstCheckedAt,
        checkedAt,
        nextPollIn,
        videoUrl,
        failureReason,
        rawAnswer,
        lastError);
  }
}

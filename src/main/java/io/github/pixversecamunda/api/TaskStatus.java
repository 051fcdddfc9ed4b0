package io.github.pixversecamunda.api;

import org.jspecify.annotations.Nullable;

/**
 * One answer of the task-status endpoint.
 *
 * @param state normalised state
 * @param rawStatus the status word as the API sent it (null when it sent none)
 * @param videoUrl set when completed and the answer carried a URL
 * @param failureReason set when failed
 * @param contentRejected true when the failure reads as content moderation
 * @param rawAnswer the answer's body, kept for diagnosis
 * @param taskId the task that was asked about
 */
public record TaskStatus(
    String taskId,
    TaskState state,
    @Nullable String rawStatus,
    @Nullable String videoUrl,
    @Nullable String failureReason,
    boolean contentRejected,
    @Nullable String rawAnswer) {}

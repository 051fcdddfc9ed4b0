package io.github.pixversecamunda.api;

import org.jspecify.annotations.Nullable;

/**
 * The API accepted a generation (a paid task now exists).
 *
 * @param taskId the API's id of the task, checked to be usable in paths, file names and log lines
 * @param rawStatus the status word the accepting answer carried, as sent; null when it carried none
 */
public record SubmittedTask(String taskId, @Nullable String rawStatus) {}

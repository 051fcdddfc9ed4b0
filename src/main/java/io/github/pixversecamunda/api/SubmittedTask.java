package io.github.pixversecamunda.api;

/** The API accepted a generation (a paid task now exists). */
public record SubmittedTask(String taskId, String rawStatus) {}

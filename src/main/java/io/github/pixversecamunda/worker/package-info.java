/**
 * The job handlers (submit video, await task, download video), their outcomes and how they are
 * sent, job types, error codes and variable names. Types are non-null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.pixversecamunda.worker;

import org.jspecify.annotations.NullMarked;

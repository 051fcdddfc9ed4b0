/**
 * The HTTP client of API in One for PixVerse 5.6: the request and its checks before anything is
 * sent, the credit table, task states, the classification of answers and errors, and the wire
 * names. Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.pixversecamunda.api;

import org.jspecify.annotations.NullMarked;

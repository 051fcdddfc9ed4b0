package io.github.pixversecamunda.download;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the document store creates documents.
 *
 * @param storeId the document store of the cluster; null for its default store
 * @param timeToLive how long the document is kept; null for the store's default
 * @param maxBytes the largest video the store accepts; Camunda SaaS accepts 10 MB per document
 * @param spoolDirectory where a video waits, complete and checked, before its upload
 */
public record DocumentSettings(
    @Nullable String storeId, @Nullable Duration timeToLive, long maxBytes, Path spoolDirectory) {

  /** Camunda SaaS's limit per document. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  /**
   * Fills in defaults: a blank store id reads as absent, a non-positive size as {@link
   * #DEFAULT_MAX_BYTES}, an absent spool directory as {@link #defaultSpoolDirectory()}.
   *
   * @param storeId the document store of the cluster; null for its default store
   * @param timeToLive how long the document is kept; null for the store's default
   * @param maxBytes the largest video the store accepts; Camunda SaaS accepts 10 MB per document
   * @param spoolDirectory where a video waits, complete and checked, before its upload
   */
  public DocumentSettings {
    storeId = storeId == null || storeId.isBlank() ? null : storeId.trim();
    maxBytes = maxBytes <= 0 ? DEFAULT_MAX_BYTES : maxBytes;
    spoolDirectory = spoolDirectory == null ? defaultSpoolDirectory() : spoolDirectory;
  }

  /** {@return the cluster's default store and time to live, 10 MB per video, the JVM's temp dir} */
  public static DocumentSettings defaults() {
    return new DocumentSettings(null, null, 0, defaultSpoolDirectory());
  }

  /**
   * The JVM's temporary directory: where a video waits for its upload unless told otherwise.
   *
   * @return the directory named by {@code java.io.tmpdir}
   */
  public static Path defaultSpoolDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir", "."));
  }
}

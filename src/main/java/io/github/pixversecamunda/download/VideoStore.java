package io.github.pixversecamunda.download;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where the download worker keeps a video: a directory, an S3-compatible bucket or Camunda's
 * document store. Each reads the {@link VideoStream} to its end (the stream itself enforces the
 * ceiling and refuses a truncated or empty body) and makes the video visible only once it is
 * complete. A key that already holds the same SHA-256 is reused; other content under the key is
 * {@link DownloadException.Kind#EXISTS} unless {@code overwrite} is set.
 *
 * <p>An {@link IOException} from the stream is the network's (transient); a store's own faults are
 * {@link DownloadException}s of kind {@link DownloadException.Kind#STORAGE} (an operator must act)
 * or {@link DownloadException.Kind#TRANSIENT}.
 */
public interface VideoStore extends AutoCloseable {

  /** {@return which kind of store this is, as results and metrics name it} */
  StoreKind kind();

  /**
   * Where videos go, for the start-up log line; never a secret.
   *
   * @return e.g. the directory or the bucket and prefix
   */
  String describe();

  /** Checks what can be checked before any transfer begins (a directory that is missing). */
  default void ready() {}

  /**
   * Keeps the whole video under the key, or nothing.
   *
   * @param video the body to read to its end (its SHA-256 is known after that)
   * @param key the resolved object key
   * @param taskId the PixVerse task, for the store's metadata; null when unknown
   * @param overwrite whether other content under the key may be replaced
   * @return where the video was put
   * @throws IOException when reading the body failed (the network's fault; transient)
   */
  Placement put(VideoStream video, String key, @Nullable String taskId, boolean overwrite)
      throws IOException;

  @Override
  default void close() {}
}

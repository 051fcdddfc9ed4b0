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

  StoreKind kind();

  /** Where videos go, for the start-up log line; never a secret. */
  String describe();

  /** Checks what can be checked before any transfer begins (a directory that is missing). */
  default void ready() {}

  Placement put(VideoStream video, String key, @Nullable String taskId, boolean overwrite)
      throws IOException;

  @Override
  default void close() {}
}

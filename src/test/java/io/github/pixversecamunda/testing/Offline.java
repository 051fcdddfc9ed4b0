package io.github.pixversecamunda.testing;

import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.nio.file.Path;
import java.time.Duration;

/** The library's clients pointed at the offline simulator, as the engine tests use them. */
public final class Offline {

  /** Short, so that a test of a timeout ends quickly. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Offline() {}

  public static PixverseClient client(PixverseSimulator simulator) {
    return new PixverseClient(
        PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
            .withTimeouts(TIMEOUT, TIMEOUT));
  }

  /**
   * A downloader into {@code storage} that may reach the simulator's loopback address, as only a
   * local set-up may.
   */
  public static VideoDownloader downloader(Path storage) {
    return VideoDownloader.intoDirectory(DownloadSettings.of(storage).withAllowLoopback(true));
  }
}

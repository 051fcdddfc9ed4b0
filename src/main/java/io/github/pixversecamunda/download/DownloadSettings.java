package io.github.pixversecamunda.download;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How finished videos are fetched, and the directory of the directory store.
 *
 * @param directory storage directory of the {@link DirectoryStore}; files never leave it
 * @param maxBytes size ceiling, enforced while streaming
 * @param allowLoopback accept hosts on loopback, 127.0.0.0/8 and ::1 (for a local simulator only)
 * @param allowPrivateNetworks accept hosts on private-use 10.0.0.0/8, 172.16.0.0/12,
 *     192.168.0.0/16, shared 100.64.0.0/10 and unique-local fc00::/7 addresses; link-local
 *     addresses, cloud metadata endpoints and the other special-purpose blocks stay refused
 *     whatever the settings ({@link AddressGuard})
 * @param maxRedirects redirects followed at most, each checked like the first URL
 * @param connectTimeout time allowed to connect to the file host
 * @param requestTimeout time allowed until the host answers, and between two pieces of data after
 *     that
 */
public record DownloadSettings(
    Path directory,
    long maxBytes,
    boolean allowLoopback,
    boolean allowPrivateNetworks,
    int maxRedirects,
    Duration connectTimeout,
    Duration requestTimeout) {

  public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 3;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Normalises the directory and fills in absent timeouts.
   *
   * @param directory storage directory of the {@link DirectoryStore}; files never leave it
   * @param maxBytes size ceiling, enforced while streaming
   * @param allowLoopback accept hosts on loopback, 127.0.0.0/8 and ::1 (for a local simulator only)
   * @param allowPrivateNetworks accept hosts on private-use 10.0.0.0/8, 172.16.0.0/12,
   *     192.168.0.0/16, shared 100.64.0.0/10 and unique-local fc00::/7 addresses; link-local
   *     addresses, cloud metadata endpoints and the other special-purpose blocks stay refused
   *     whatever the settings ({@link AddressGuard})
   * @param maxRedirects redirects followed at most, each checked like the first URL
   * @param connectTimeout time allowed to connect to the file host
   * @param requestTimeout time allowed until the host answers, and between two pieces of data after
   *     that
   * @throws IllegalArgumentException when {@code maxBytes} is not positive
   */
  public DownloadSettings {
    Objects.requireNonNull(directory, "directory");
    directory = directory.toAbsolutePath().normalize();
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
  }

  /**
   * Safe defaults: 2 GiB ceiling, public addresses only, three redirects.
   *
   * @param directory the storage directory of the {@link DirectoryStore}
   * @return the settings
   */
  public static DownloadSettings of(Path directory) {
    return new DownloadSettings(
        directory,
        DEFAULT_MAX_BYTES,
        false,
        false,
        DEFAULT_MAX_REDIRECTS,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * {@return a copy that accepts, or refuses, hosts on loopback addresses}
   *
   * @param allow true only for a local simulator or test host
   */
  public DownloadSettings withAllowLoopback(boolean allow) {
    return new DownloadSettings(
        directory,
        maxBytes,
        allow,
        allowPrivateNetworks,
        maxRedirects,
        connectTimeout,
        requestTimeout);
  }

  /**
   * {@return a copy that accepts, or refuses, hosts on private networks}
   *
   * @param allow true for a file host inside the company network
   */
  public DownloadSettings withAllowPrivateNetworks(boolean allow) {
    return new DownloadSettings(
        directory, maxBytes, allowLoopback, allow, maxRedirects, connectTimeout, requestTimeout);
  }

  /**
   * {@return a copy with this request timeout}
   *
   * @param timeout time allowed until the host answers, and between two pieces of data
   */
  public DownloadSettings withRequestTimeout(Duration timeout) {
    return new DownloadSettings(
        directory,
        maxBytes,
        allowLoopback,
        allowPrivateNetworks,
        maxRedirects,
        connectTimeout,
        timeout);
  }

  /**
   * {@return a copy with this size ceiling}
   *
   * @param max the largest video accepted, in bytes
   * @throws IllegalArgumentException when it is not positive
   */
  public DownloadSettings withMaxBytes(long max) {
    return new DownloadSettings(
        directory,
        max,
        allowLoopback,
        allowPrivateNetworks,
        maxRedirects,
        connectTimeout,
        requestTimeout);
  }
}

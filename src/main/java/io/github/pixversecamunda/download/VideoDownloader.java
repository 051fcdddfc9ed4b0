package io.github.pixversecamunda.download;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * Streams a finished video from its file host into a {@link VideoStore}. Everything that can be
 * refused without a transfer is refused first (the key, the store's readiness, the URL); every
 * address connected to was judged by {@link AddressGuard} in the same lookup that produced it
 * ({@link SourceClient}); redirects are followed by hand, each hop checked ({@link Redirects}); the
 * content type and declared size are checked before the body is read ({@link ContentPolicy}); the
 * body is counted, capped and hashed while it streams ({@link VideoStream}); and the store makes
 * the video visible only once it is complete. Memory use does not grow with the file size.
 *
 * <p>A host that stops sending is abandoned after {@code requestTimeout} without data (the socket
 * read timeout), so a stalled transfer cannot hold a thread until the job times out; a host that
 * keeps sending a byte now and then is abandoned when the whole transfer passes its time limit (the
 * job's deadline, else {@link #MAX_TRANSFER_TIME}).
 */
public final class VideoDownloader implements AutoCloseable {

  /** The longest a transfer may take when the caller gives no deadline (below the job timeout). */
  public static final Duration MAX_TRANSFER_TIME = Duration.ofMinutes(25);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DownloadSettings settings;
  private final VideoStore store;
  private final SourceClient client;
  private final Redirects redirects;
  private final ContentPolicy policy;
  private final ExecutorService copyThreads;

  /**
   * A downloader that resolves hosts through the system's DNS and trusts the JDK's roots.
   *
   * @param settings the limits every download is held to
   * @param store where videos go; closed with the downloader
   */
  public VideoDownloader(DownloadSettings settings, VideoStore store) {
    this(settings, store, AddressGuard.SYSTEM_LOOKUP, null);
  }

  /**
   * With another source of DNS answers and trusted certificates; for tests that must control what a
   * host resolves to and which certificate it shows.
   *
   * @param trust the TLS context trusting the hosts' certificates; null for the JDK's trusted roots
   */
  VideoDownloader(
      DownloadSettings settings,
      VideoStore store,
      AddressGuard.HostLookup lookup,
      @Nullable SSLContext trust) {
    this.settings = settings;
    this.store = store;
    AddressGuard guard =
        new AddressGuard(settings.allowLoopback(), settings.allowPrivateNetworks(), lookup);
    this.client = new SourceClient(settings, guard, trust);
    this.redirects = new Redirects(guard, client, settings.maxRedirects());
    this.policy = new ContentPolicy(settings.maxBytes());
    // Streaming to a store is blocking work; it runs here, never on the job worker's threads.
    this.copyThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "pixverse-download-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Into the settings' directory: the default store.
   *
   * @param settings the limits, and the directory of the store
   * @return a downloader into a {@link DirectoryStore}
   */
  public static VideoDownloader intoDirectory(DownloadSettings settings) {
    return new VideoDownloader(settings, new DirectoryStore(settings.directory()));
  }

  /** {@return the limits this downloader enforces} */
  public DownloadSettings settings() {
    return settings;
  }

  /** {@return where this downloader keeps videos} */
  public VideoStore store() {
    return store;
  }

  /**
   * Streams the video on the downloader's own threads; abandoned as {@link
   * DownloadException.Kind#TRANSIENT} if not done by {@code finishBy} (null: {@link
   * #MAX_TRANSFER_TIME} from now).
   *
   * @param url the finished video's URL; null or blank is refused
   * @param keyPattern the object key pattern; null for {@link ObjectKeys#DEFAULT_PATTERN}
   * @param taskId the PixVerse task, or null when the pattern does not use it
   * @param overwrite whether other content under the key may be replaced
   * @param finishBy the end of the transfer, or null
   * @return where the video was kept, or a {@link DownloadException}
   */
  public CompletableFuture<StoredVideo> downloadAsync(
      @Nullable String url,
      @Nullable String keyPattern,
      @Nullable String taskId,
      boolean overwrite,
      @Nullable Instant finishBy) {
    return CompletableFuture.supplyAsync(
        () -> download(url, keyPattern, taskId, overwrite, finishBy), copyThreads);
  }

  /**
   * Fetches and keeps one video on the caller's thread, within {@link #MAX_TRANSFER_TIME}.
   *
   * @param url the finished video's URL; null or blank is refused
   * @param keyPattern the object key, {@code {taskId}} replaced; null for {@link
   *     ObjectKeys#DEFAULT_PATTERN}
   * @param taskId the PixVerse task, for the key and the store's metadata; may be null when the
   *     pattern does not use it
   * @param overwrite whether other content under the key may be replaced
   * @return where the video was kept
   * @throws DownloadException with the kind that tells the caller what to do
   */
  public StoredVideo download(
      @Nullable String url,
      @Nullable String keyPattern,
      @Nullable String taskId,
      boolean overwrite) {
    return download(url, keyPattern, taskId, overwrite, null);
  }

  /**
   * The same, abandoned as {@link DownloadException.Kind#TRANSIENT} when not done by {@code
   * finishBy}.
   *
   * @param url the finished video's URL; null or blank is refused
   * @param keyPattern the object key pattern; null for {@link ObjectKeys#DEFAULT_PATTERN}
   * @param taskId the PixVerse task, or null when the pattern does not use it
   * @param overwrite whether other content under the key may be replaced
   * @param finishBy the end of the transfer; null for {@link #MAX_TRANSFER_TIME} from now
   * @return where the video was kept
   * @throws DownloadException with the kind that tells the caller what to do
   */
  public StoredVideo download(
      @Nullable String url,
      @Nullable String keyPattern,
      @Nullable String taskId,
      boolean overwrite,
      @Nullable Instant finishBy) {
    Instant until = finishBy == null ? Instant.now().plus(MAX_TRANSFER_TIME) : finishBy;
    String key = ObjectKeys.resolve(keyPattern, taskId);
    store.ready();
    if (url == null || url.isBlank()) {
      throw new DownloadException(DownloadException.Kind.REFUSED, "No video URL was given");
    }
    URI uri = parse(url);
    SourceExchange exchange = redirects.open(uri);
    boolean complete = false;
    try {
      String contentType = policy.contentType(exchange.response(), url);
      // A declared length counts encoded bytes; a decoded body is held to the ceiling as it
      // streams.
      OptionalLong declared =
          ContentPolicy.isEncoded(exchange.response())
              ? OptionalLong.empty()
              : policy.declaredLength(exchange.response(), url);
      HttpEntity entity = exchange.response().getEntity();
      VideoStream video =
          new VideoStream(
              entity == null
                  ? null
                  : policy.decodedBody(exchange.response(), entity.getContent(), url),
              url,
              contentType,
              declared,
              settings.maxBytes(),
              settings.requestTimeout(),
              until);
      Placement placement = store.put(video, key, taskId, overwrite);
      complete = true;
      return new StoredVideo(
          store.kind(),
          placement.uri(),
          placement.key() == null ? key : placement.key(),
          ObjectKeys.fileName(key),
          video.size(),
          video.sha256(),
          contentType,
          exchange.uri().toString(),
          placement.reused(),
          placement.path(),
          placement.bucket(),
          placement.versionId(),
          placement.etag(),
          placement.document());
    } catch (IOException e) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Download of " + url + " failed: " + e, e);
    } finally {
      if (complete) {
        exchange.close();
      } else {
        exchange.abandon();
      }
    }
  }

  private static URI parse(String url) {
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new DownloadException(DownloadException.Kind.REFUSED, "'" + url + "' is not a URL", e);
    }
  }

  @Override
  public void close() {
    copyThreads.shutdownNow();
    client.close();
    store.close();
  }
}

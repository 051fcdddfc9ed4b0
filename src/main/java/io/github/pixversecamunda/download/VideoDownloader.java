package io.github.pixversecamunda.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a finished video into the storage directory: checked before the first connection
 * ({@link AddressGuard}), redirects followed only within the same rules, size capped while
 * streaming, written to a temporary file and renamed, so no reader ever sees half a file and a
 * failed download leaves nothing behind. Memory use does not grow with the file size.
 *
 * <p>It sends no credentials: the file host is not the API.
 */
public final class VideoDownloader implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DownloadSettings settings;
  private final AddressGuard guard;
  private final HttpClient http;
  private final ExecutorService copyThreads;
  private final ScheduledExecutorService stallWatch;

  public VideoDownloader(DownloadSettings settings) {
    this.settings = settings;
    this.guard = new AddressGuard(settings.allowLoopback(), settings.allowPrivateNetworks());
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    // Streaming to disk is blocking work; it runs here, never on the job worker's threads.
    this.copyThreads = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "pixverse-download-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // The JDK client has no read timeout once the body flows: a host that stops sending would hold
    // a thread until the job times out. This watch closes a body that made no progress for a while.
    this.stallWatch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "pixverse-download-stall-watch");
      thread.setDaemon(true);
      return thread;
    });
  }

  public DownloadSettings settings() {
    return settings;
  }

  public CompletableFuture<StoredVideo> downloadAsync(String url, String fileNamePattern, String taskId,
      boolean overwrite) {
    return CompletableFuture.supplyAsync(() -> download(url, fileNamePattern, taskId, overwrite), copyThreads);
  }

  public StoredVideo download(String url, String fileNamePattern, String taskId, boolean overwrite) {
    Path target = FileNames.resolve(settings.directory(), fileNamePattern, taskId);
    checkDirectory();
    URI uri = parse(url);
    HttpResponse<InputStream> response = open(uri);
    Path temporary = settings.directory().resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    try (InputStream body = response.body()) {
      String contentType = checkContentType(response, url);
      OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
      if (declared.isPresent() && declared.getAsLong() > settings.maxBytes()) {
        throw new DownloadException(DownloadException.Kind.REFUSED, "Refused " + url + ": it is "
            + declared.getAsLong() + " bytes, above the ceiling of " + settings.maxBytes() + " bytes");
      }
      MessageDigest sha256 = sha256();
      long size = copy(body, temporary, sha256, url);
      if (declared.isPresent() && size != declared.getAsLong()) {
        throw new DownloadException(DownloadException.Kind.TRANSIENT, "Truncated download of " + url
            + ": " + size + " of " + declared.getAsLong() + " bytes arrived");
      }
      if (size == 0) {
        // A complete answer with nothing in it is no video, however it is labelled: keeping it would end the
        // process as if the video were safe.
        throw new DownloadException(DownloadException.Kind.REFUSED, "Refused " + url
            + ": the file host answered with no bytes, which is not a video");
      }
      String digest = HexFormat.of().formatHex(sha256.digest());
      boolean reused = false;
      if (Files.exists(target) && !overwrite) {
        if (!digest.equals(sha256Of(target))) {
          throw new DownloadException(DownloadException.Kind.EXISTS, "The file " + target
              + " already exists with other content, and overwriting is not allowed");
        }
        reused = true; // The same video again (a repeated job): keep the existing file.
      } else {
        move(temporary, target);
      }
      return new StoredVideo(target.toString(), target.getFileName().toString(), size, digest, contentType,
          response.uri().toString(), reused);
    } catch (IOException e) {
      throw new DownloadException(DownloadException.Kind.TRANSIENT, "Download of " + url + " failed: " + e, e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Nothing more can be done; the name starts with '.' and ends with '.part'.
      }
    }
  }

  private void checkDirectory() {
    Path directory = settings.directory();
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      throw new DownloadException(DownloadException.Kind.STORAGE, "The storage directory " + directory
          + " is missing or not writable (pixverse.download.directory)");
    }
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw new DownloadException(DownloadException.Kind.REFUSED, "No video URL was given");
    }
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new DownloadException(DownloadException.Kind.REFUSED, "'" + url + "' is not a URL", e);
    }
  }

  /** GET with manual redirects, every hop checked before it is contacted. */
  private HttpResponse<InputStream> open(URI first) {
    URI uri = first;
    for (int hop = 0; ; hop++) {
      guard.check(uri);
      HttpResponse<InputStream> response = send(uri);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
        closeQuietly(response);
        if (hop >= settings.maxRedirects()) {
          throw new DownloadException(DownloadException.Kind.REFUSED, "Refused " + first + ": more than "
              + settings.maxRedirects() + " redirects");
        }
        uri = uri.resolve(response.headers().firstValue("Location").get());
        continue;
      }
      if (status >= 200 && status < 300) {
        return response;
      }
      closeQuietly(response);
      if (status == 403 || status == 404 || status == 410) {
        throw new DownloadException(DownloadException.Kind.EXPIRED, "The video at " + uri
            + " is no longer available (HTTP " + status + "): the result URL has probably expired");
      }
      if (status == 429 || status == 408 || status >= 500) {
        throw new DownloadException(DownloadException.Kind.TRANSIENT, "The file host answered HTTP " + status
            + " for " + uri);
      }
      throw new DownloadException(DownloadException.Kind.REFUSED, "The file host answered HTTP " + status
          + " for " + uri);
    }
  }

  private HttpResponse<InputStream> send(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
        .header("Accept", "video/*, application/octet-stream;q=0.9, */*;q=0.1").GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DownloadException(DownloadException.Kind.TRANSIENT, "Interrupted while downloading " + uri, e);
    } catch (IOException e) {
      String what = e instanceof ConnectException ? "could not connect to " : "connection failed for ";
      throw new DownloadException(DownloadException.Kind.TRANSIENT, "Download " + what + uri + ": " + e, e);
    }
  }

  private static String checkContentType(HttpResponse<?> response, String url) {
    String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
    String bare = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (bare.startsWith("video/") || bare.equals("application/octet-stream") || bare.equals("binary/octet-stream")
        || bare.equals("application/mp4")) {
      return bare;
    }
    throw new DownloadException(DownloadException.Kind.REFUSED, "Refused " + url + ": content type '" + type
        + "' is neither a video nor generic binary data");
  }

  private long copy(InputStream body, Path temporary, MessageDigest sha256, String url) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    OutputStream out;
    try {
      out = Files.newOutputStream(temporary);
    } catch (IOException e) {
      throw storage("cannot create " + temporary, e);
    }
    AtomicLong progress = new AtomicLong();
    AtomicBoolean stalled = new AtomicBoolean();
    long period = settings.requestTimeout().toMillis();
    long[] seen = {-1};
    ScheduledFuture<?> watch = stallWatch.scheduleAtFixedRate(() -> {
      long now = progress.get();
      if (now == seen[0]) {
        stalled.set(true);
        try {
          body.close();
        } catch (IOException ignored) {
          // Closing is all that is wanted; the reading thread sees the failure.
        }
      }
      seen[0] = now;
    }, period, period, TimeUnit.MILLISECONDS);
    try (out) {
      int read;
      while ((read = body.read(buffer)) >= 0) { // an IOException here is the network's: transient
        size += read;
        progress.set(size);
        if (size > settings.maxBytes()) {
          throw new DownloadException(DownloadException.Kind.REFUSED, "Refused " + url
              + ": more than the ceiling of " + settings.maxBytes() + " bytes");
        }
        sha256.update(buffer, 0, read);
        try {
          out.write(buffer, 0, read);
        } catch (IOException e) {
          throw storage("cannot write " + temporary + " (disk full?)", e);
        }
      }
    } catch (IOException e) {
      if (stalled.get()) {
        throw new IOException("no data arrived for " + settings.requestTimeout() + "; the transfer stalled", e);
      }
      throw e;
    } finally {
      watch.cancel(false);
    }
    if (stalled.get()) {
      throw new IOException("no data arrived for " + settings.requestTimeout() + "; the transfer stalled");
    }
    return size;
  }

  private static void move(Path temporary, Path target) {
    try {
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw storage("cannot move the download to " + target, e);
    }
  }

  private static DownloadException storage(String what, IOException e) {
    return new DownloadException(DownloadException.Kind.STORAGE, "Storage problem: " + what + ": " + e, e);
  }

  private static String sha256Of(Path file) {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw storage("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void closeQuietly(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // The response is discarded anyway.
    }
  }

  @Override
  public void close() {
    copyThreads.shutdownNow();
    stallWatch.shutdownNow();
  }
}

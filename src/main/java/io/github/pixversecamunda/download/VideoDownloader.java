package io.github.pixversecamunda.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Streams a finished video into the storage directory. Every address it connects to was judged by
 * {@link AddressGuard} in the same lookup that produced it: the guard is the HTTP client's
 * resolver, so a DNS answer that changes between check and connect cannot reach an internal
 * address. Redirects are followed by hand, each hop checked the same way; the size is capped while
 * streaming; the file is written to a temporary file and renamed, so no reader ever sees half a
 * file and a failed download leaves nothing behind. Memory use does not grow with the file size.
 *
 * <p>A host that stops sending is abandoned after {@code requestTimeout} without data (the socket
 * read timeout), so a stalled transfer cannot hold a thread until the job times out; a host that
 * keeps sending a byte now and then is abandoned when the whole transfer passes its time limit (the
 * job's deadline, else {@link #MAX_TRANSFER_TIME}), so no body holds a thread for ever.
 *
 * <p>A body sent with a {@code Content-Encoding} is what it says: gzip and deflate are decoded (the
 * size ceiling counts the decoded bytes, so a small bomb cannot fill the disk), any other encoding
 * is refused rather than kept as if it were the video.
 *
 * <p>It sends no credentials or cookies (the file host is not the API) and uses no proxy (a proxy
 * would resolve the host itself, out of the guard's reach). TLS verifies the certificate against
 * the URL's host name, which the request keeps; only the connection goes to the judged address.
 */
public final class VideoDownloader implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  /** The longest a transfer may take when the caller gives no deadline (below the job timeout). */
  public static final java.time.Duration MAX_TRANSFER_TIME = java.time.Duration.ofMinutes(25);

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Concurrency is bounded by the job worker's active jobs, not by the pool. */
  private static final int MAX_CONNECTIONS = 256;

  private final DownloadSettings settings;
  private final AddressGuard guard;
  private final CloseableHttpClient http;
  private final ExecutorService copyThreads;

  public VideoDownloader(DownloadSettings settings) {
    this(settings, AddressGuard.SYSTEM_LOOKUP, null);
  }

  /**
   * With another source of DNS answers and trusted certificates; for tests that must control what a
   * host resolves to and which certificate it shows.
   *
   * @param trust the TLS context trusting the hosts' certificates; null for the JDK's trusted roots
   */
  VideoDownloader(DownloadSettings settings, AddressGuard.HostLookup lookup, SSLContext trust) {
    this.settings = settings;
    this.guard =
        new AddressGuard(settings.allowLoopback(), settings.allowPrivateNetworks(), lookup);
    Timeout requestTimeout = Timeout.of(settings.requestTimeout());
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(guard)
            // The certificate is verified against the request's host name, never the judged
            // address.
            .setTlsSocketStrategy(
                trust == null
                    ? DefaultClientTlsStrategy.createDefault()
                    : new DefaultClientTlsStrategy(trust))
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                    .setSocketTimeout(requestTimeout)
                    .build())
            .build();
    // No redirects (followed by hand), no retries (the job decides), no decompression (the sizes
    // are those on the wire), no cookies or auth state, no proxy from system properties.
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setResponseTimeout(requestTimeout)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
    // Streaming to disk is blocking work; it runs here, never on the job worker's threads.
    this.copyThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "pixverse-download-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  public DownloadSettings settings() {
    return settings;
  }

  public CompletableFuture<StoredVideo> downloadAsync(
      String url, String fileNamePattern, String taskId, boolean overwrite) {
    return downloadAsync(url, fileNamePattern, taskId, overwrite, null);
  }

  /**
   * The same, abandoned as {@link DownloadException.Kind#TRANSIENT} if not done by {@code
   * finishBy}.
   */
  public CompletableFuture<StoredVideo> downloadAsync(
      String url, String fileNamePattern, String taskId, boolean overwrite, Instant finishBy) {
    return CompletableFuture.supplyAsync(
        () -> download(url, fileNamePattern, taskId, overwrite, finishBy), copyThreads);
  }

  public StoredVideo download(
      String url, String fileNamePattern, String taskId, boolean overwrite) {
    return download(url, fileNamePattern, taskId, overwrite, null);
  }

  public StoredVideo download(
      String url, String fileNamePattern, String taskId, boolean overwrite, Instant finishBy) {
    Instant until = finishBy == null ? Instant.now().plus(MAX_TRANSFER_TIME) : finishBy;
    Path target = FileNames.resolve(settings.directory(), fileNamePattern, taskId);
    checkDirectory();
    URI uri = parse(url);
    Exchange exchange = open(uri);
    Path temporary =
        settings
            .directory()
            .resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    boolean complete = false;
    try {
      String contentType = checkContentType(exchange.response(), url);
      String encoding = contentEncoding(exchange.response(), url);
      // A declared length counts encoded bytes; the decoded size is checked while streaming.
      OptionalLong declared =
          encoding == null ? declaredLength(exchange.response()) : OptionalLong.empty();
      if (declared.isPresent() && declared.getAsLong() > settings.maxBytes()) {
        throw new DownloadException(
            DownloadException.Kind.REFUSED,
            "Refused "
                + url
                + ": it is "
                + declared.getAsLong()
                + " bytes, above the ceiling of "
                + settings.maxBytes()
                + " bytes");
      }
      MessageDigest sha256 = sha256();
      HttpEntity entity = exchange.response().getEntity();
      long size =
          entity == null
              ? 0
              : copy(decoded(entity.getContent(), encoding, url), temporary, sha256, url, until);
      if (declared.isPresent() && size != declared.getAsLong()) {
        throw new DownloadException(
            DownloadException.Kind.TRANSIENT,
            "Truncated download of "
                + url
                + ": "
                + size
                + " of "
                + declared.getAsLong()
                + " bytes arrived");
      }
      if (size == 0) {
        // A complete answer with nothing in it is no video, however it is labelled: keeping it
        // would end the
        // process as if the video were safe.
        throw new DownloadException(
            DownloadException.Kind.REFUSED,
            "Refused " + url + ": the file host answered with no bytes, which is not a video");
      }
      complete = true;
      String digest = HexFormat.of().formatHex(sha256.digest());
      boolean reused = false;
      if (Files.exists(target) && !overwrite) {
        if (!digest.equals(sha256Of(target))) {
          throw new DownloadException(
              DownloadException.Kind.EXISTS,
              "The file "
                  + target
                  + " already exists with other content, and overwriting is not allowed");
        }
        reused = true; // The same video again (a repeated job): keep the existing file.
      } else {
        move(temporary, target);
      }
      return new StoredVideo(
          target.toString(),
          target.getFileName().toString(),
          size,
          digest,
          contentType,
          exchange.uri().toString(),
          reused);
    } catch (IOException e) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Download of " + url + " failed: " + e, e);
    } finally {
      if (complete) {
        closeQuietly(exchange.response());
      } else {
        exchange.abandon();
      }
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Nothing more can be done; the name starts with '.' and ends with '.part'.
      }
    }
  }

  /** A request and its open response. */
  private record Exchange(URI uri, HttpGet request, ClassicHttpResponse response) {

    /**
     * Drops the connection without reading the rest: closing a body that is not fully read would
     * drain it (possibly gigabytes, or a host that stalls) to keep the connection reusable.
     */
    void abandon() {
      request.cancel();
      closeQuietly(response);
    }
  }

  private void checkDirectory() {
    Path directory = settings.directory();
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      throw new DownloadException(
          DownloadException.Kind.STORAGE,
          "The storage directory "
              + directory
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

  /**
   * GET with manual redirects; every hop's URL is checked, and its addresses when it is connected
   * to.
   */
  private Exchange open(URI first) {
    URI uri = first;
    for (int hop = 0; ; hop++) {
      guard.checkUrl(uri);
      Exchange exchange = send(uri);
      int status = exchange.response().getCode();
      Header location = exchange.response().getFirstHeader("Location");
      if (status >= 300 && status < 400 && location != null) {
        exchange.abandon();
        if (hop >= settings.maxRedirects()) {
          throw new DownloadException(
              DownloadException.Kind.REFUSED,
              "Refused " + first + ": more than " + settings.maxRedirects() + " redirects");
        }
        uri = redirectTarget(uri, location.getValue());
        continue;
      }
      if (status >= 200 && status < 300) {
        return exchange;
      }
      exchange.abandon();
      if (status == 403 || status == 404 || status == 410) {
        throw new DownloadException(
            DownloadException.Kind.EXPIRED,
            "The video at "
                + uri
                + " is no longer available (HTTP "
                + status
                + "): the result URL has probably expired");
      }
      if (status == 429 || status == 408 || status >= 500) {
        throw new DownloadException(
            DownloadException.Kind.TRANSIENT,
            "The file host answered HTTP " + status + " for " + uri);
      }
      throw new DownloadException(
          DownloadException.Kind.REFUSED, "The file host answered HTTP " + status + " for " + uri);
    }
  }

  private static URI redirectTarget(URI from, String location) {
    try {
      return from.resolve(new URI(location.trim()));
    } catch (URISyntaxException e) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused the redirect from " + from + " to '" + location + "': not a URL",
          e);
    }
  }

  /**
   * Sends the GET; a refused address surfaces as the guard's DownloadException, thrown while
   * connecting.
   */
  private Exchange send(URI uri) {
    HttpGet request = new HttpGet(uri);
    request.setHeader("Accept", "video/*, application/octet-stream;q=0.9, */*;q=0.1");
    try {
      return new Exchange(
          uri, request, http.executeOpen(null, request, HttpClientContext.create()));
    } catch (UnknownHostException e) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Cannot resolve host " + uri.getHost(), e);
    } catch (IOException e) {
      String what =
          e instanceof ConnectException ? "could not connect to " : "connection failed for ";
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Download " + what + uri + ": " + e, e);
    }
  }

  private static OptionalLong declaredLength(ClassicHttpResponse response) {
    Header header = response.getFirstHeader("Content-Length");
    if (header == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(header.getValue().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // the client's own framing rejects a broken length while reading
    }
  }

  private static String checkContentType(ClassicHttpResponse response, String url) {
    Header header = response.getFirstHeader("Content-Type");
    String type = header == null ? "application/octet-stream" : header.getValue();
    int parameters = type.indexOf(';');
    String bare =
        (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    if (bare.startsWith("video/")
        || bare.equals("application/octet-stream")
        || bare.equals("binary/octet-stream")
        || bare.equals("application/mp4")) {
      return bare;
    }
    throw new DownloadException(
        DownloadException.Kind.REFUSED,
        "Refused "
            + url
            + ": content type '"
            + type
            + "' is neither a video nor generic binary data");
  }

  /** Null for a body sent as it is; gzip or deflate for one to decode; anything else is refused. */
  private static String contentEncoding(ClassicHttpResponse response, String url) {
    Header header = response.getFirstHeader("Content-Encoding");
    String encoding = header == null ? "" : header.getValue().trim().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity" -> {
        return null;
      }
      case "gzip", "x-gzip", "deflate" -> {
        return encoding;
      }
      default ->
          throw new DownloadException(
              DownloadException.Kind.REFUSED,
              "Refused "
                  + url
                  + ": the file host sent it with Content-Encoding '"
                  + header.getValue()
                  + "', which is not a video as it is and cannot be decoded here");
    }
  }

  private static InputStream decoded(InputStream body, String encoding, String url)
      throws IOException {
    if (encoding == null) {
      return body;
    }
    try {
      return encoding.equals("deflate")
          ? new java.util.zip.InflaterInputStream(body)
          : new java.util.zip.GZIPInputStream(body, BUFFER);
    } catch (java.util.zip.ZipException e) {
      throw notEncodedAsSaid(url, encoding, e);
    }
  }

  private static DownloadException notEncodedAsSaid(String url, String encoding, Exception e) {
    return new DownloadException(
        DownloadException.Kind.REFUSED,
        "Refused " + url + ": the body is not the " + encoding + " data its header announces",
        e);
  }

  private long copy(
      InputStream body, Path temporary, MessageDigest sha256, String url, Instant until)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    OutputStream out;
    try {
      out = Files.newOutputStream(temporary);
    } catch (IOException e) {
      throw storage("cannot create " + temporary, e);
    }
    try (out) {
      int read;
      while ((read = body.read(buffer)) >= 0) { // an IOException here is the network's: transient
        size += read;
        if (Instant.now().isAfter(until)) {
          throw new DownloadException(
              DownloadException.Kind.TRANSIENT,
              "Abandoned the download of "
                  + url
                  + " after "
                  + size
                  + " bytes: the transfer did not finish by "
                  + until
                  + " (its total time limit)");
        }
        if (size > settings.maxBytes()) {
          throw new DownloadException(
              DownloadException.Kind.REFUSED,
              "Refused " + url + ": more than the ceiling of " + settings.maxBytes() + " bytes");
        }
        sha256.update(buffer, 0, read);
        try {
          out.write(buffer, 0, read);
        } catch (IOException e) {
          throw storage("cannot write " + temporary + " (disk full?)", e);
        }
      }
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "no data arrived for " + settings.requestTimeout() + "; the transfer stalled", e);
    } catch (java.util.zip.ZipException e) {
      throw notEncodedAsSaid(url, "encoded", e);
    }
    return size;
  }

  private static void move(Path temporary, Path target) {
    try {
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw storage("cannot move the download to " + target, e);
    }
  }

  private static DownloadException storage(String what, IOException e) {
    return new DownloadException(
        DownloadException.Kind.STORAGE, "Storage problem: " + what + ": " + e, e);
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

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException ignored) {
      // The response is discarded anyway.
    }
  }

  @Override
  public void close() {
    copyThreads.shutdownNow();
    http.close(CloseMode.IMMEDIATE);
  }
}

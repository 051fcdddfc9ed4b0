package io.github.pixversecamunda.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A file host on loopback serving {@code /<seed>/<size>.mp4}: {@code size} pseudo-random bytes from
 * {@code seed}, so that two URLs can carry different content of known SHA-256. A transfer can be
 * held after a number of bytes ({@link #holdAfter}) until the test {@link #release()}s it, to act
 * while an upload is under way.
 */
public final class VideoHost implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final HttpServer server;
  private volatile long holdAfter = Long.MAX_VALUE;
  private volatile CountDownLatch held = new CountDownLatch(0);
  private final CountDownLatch reachedHold = new CountDownLatch(1);

  public VideoHost() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String[] parts = exchange.getRequestURI().getPath().split("/");
          long seed = Long.parseLong(parts[1]);
          long size = Long.parseLong(parts[2].replace(".mp4", ""));
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          // Chunked: no declared length, so only the stream itself can notice the size.
          boolean chunked = "chunked".equals(exchange.getRequestURI().getQuery());
          exchange.sendResponseHeaders(200, chunked ? 0 : size);
          Random random = new Random(seed);
          byte[] chunk = new byte[CHUNK];
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < size; ) {
              if (sent >= holdAfter && held.getCount() > 0) {
                out.flush();
                reachedHold.countDown();
                held.await(2, TimeUnit.MINUTES);
              }
              random.nextBytes(chunk);
              int n = (int) Math.min(CHUNK, size - sent);
              out.write(chunk, 0, n);
              sent += n;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException clientGone) {
            // The downloader gave up; nothing to do.
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public String url(long seed, long size) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + seed + "/" + size + ".mp4";
  }

  /** The same content without a Content-Length (chunked transfer encoding). */
  public String chunkedUrl(long seed, long size) {
    return url(seed, size) + "?chunked";
  }

  /** The hex SHA-256 the URL's content has. */
  public static String sha256(long seed, long size) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Random random = new Random(seed);
      byte[] chunk = new byte[CHUNK];
      for (long sent = 0; sent < size; ) {
        random.nextBytes(chunk);
        int n = (int) Math.min(CHUNK, size - sent);
        digest.update(chunk, 0, n);
        sent += n;
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next transfers pause once they have sent {@code bytes}, until {@link #release()}. */
  public void holdAfter(long bytes) {
    held = new CountDownLatch(1);
    holdAfter = bytes;
  }

  public boolean awaitHeld(long seconds) throws InterruptedException {
    return reachedHold.await(seconds, TimeUnit.SECONDS);
  }

  public void release() {
    held.countDown();
    holdAfter = Long.MAX_VALUE;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}

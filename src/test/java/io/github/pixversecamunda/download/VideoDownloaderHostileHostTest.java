package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File hosts that break the rules of a plain download: a body sent with a Content-Encoding, and a
 * body that drips a byte now and then so that no read ever times out.
 */
class VideoDownloaderHostileHostTest {

  private static final byte[] VIDEO = "\u0000\u0000\u0000\u0018ftypmp42 a small video".getBytes();

  @TempDir Path directory;
  private HttpServer host;

  @AfterEach
  void stop() {
    if (host != null) {
      host.stop(0);
    }
  }

  private String serve(Map<String, String> headers, byte[] body, Duration dripPause)
      throws IOException {
    host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    host.setExecutor(Executors.newCachedThreadPool());
    host.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
          exchange.sendResponseHeaders(200, dripPause == null ? body.length : 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
              out.write(b);
              if (dripPause != null) {
                out.flush();
                Thread.sleep(dripPause.toMillis());
              }
            }
          } catch (InterruptedException | IOException e) {
            // The downloader gave up: nothing more to send.
          }
        });
    host.start();
    return "http://127.0.0.1:" + host.getAddress().getPort() + "/video.mp4";
  }

  private VideoDownloader downloader() {
    return VideoDownloader.intoDirectory(DownloadSettings.of(directory).withAllowLoopback(true));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private long files() throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.count();
    }
  }

  @Test
  void aGzipBodyIsKeptAsTheVideoItEncodes() throws IOException {
    String url = serve(Map.of("Content-Encoding", "gzip"), gzip(VIDEO), null);

    try (VideoDownloader downloader = downloader()) {
      StoredVideo stored = downloader.download(url, null, "task_gzip", false);

      assertThat(Files.readAllBytes(Path.of(stored.path()))).isEqualTo(VIDEO);
      assertThat(stored.sizeBytes()).isEqualTo(VIDEO.length);
    }
  }

  @Test
  void aBodyThatIsNotTheGzipItsHeaderAnnouncesIsRefused() throws IOException {
    String url = serve(Map.of("Content-Encoding", "gzip"), VIDEO, null);

    try (VideoDownloader downloader = downloader()) {
      assertThatThrownBy(() -> downloader.download(url, null, "task_fake_gzip", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
                assertThat(e.getMessage()).contains("not the encoded data its header announces");
              });
    }
    assertThat(files()).isZero();
  }

  @Test
  void anEncodingThatCannotBeDecodedIsRefusedNotKept() throws IOException {
    String url = serve(Map.of("Content-Encoding", "br"), VIDEO, null);

    try (VideoDownloader downloader = downloader()) {
      assertThatThrownBy(() -> downloader.download(url, null, "task_br", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
                assertThat(e.getMessage()).contains("Content-Encoding 'br'");
              });
    }
    assertThat(files()).isZero();
  }

  @Test
  void aBodyThatDripsIsAbandonedAtItsTotalTimeLimit() throws IOException {
    // One byte every 200 ms never trips the 60 s read timeout; only the total limit ends it.
    String url = serve(Map.of(), VIDEO, Duration.ofMillis(200));

    try (VideoDownloader downloader = downloader()) {
      assertThatThrownBy(
              () ->
                  downloader.download(
                      url, null, "task_drip", false, Instant.now().plus(Duration.ofSeconds(2))))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DownloadException.Kind.TRANSIENT);
                assertThat(e.getMessage()).contains("its total time limit");
              });
    }
    assertThat(files()).isZero();
  }
}

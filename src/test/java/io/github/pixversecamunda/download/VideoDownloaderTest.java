package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoDownloaderTest {

  @TempDir Path directory;
  private PixverseSimulator simulator;
  private VideoDownloader downloader;
  private String taskId;
  private HttpServer stub;
  private final AtomicInteger stubHits = new AtomicInteger();

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().completeOnPoll(1).start();
    downloader =
        VideoDownloader.intoDirectory(DownloadSettings.of(directory).withAllowLoopback(true));
    // A real task so that its video exists on the simulator.
    PixverseClient api =
        new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey()));
    taskId = api.submit(GenerationRequest.builder().prompt("a dragon").build()).taskId();
  }

  @AfterEach
  void stop() {
    simulator.close();
    downloader.close();
    if (stub != null) {
      stub.stop(0);
    }
  }

  private String videoUrl() {
    return simulator.fileUrl(taskId + ".mp4");
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private DownloadException failure(DownloadSettings settings, String url) {
    try (VideoDownloader other = VideoDownloader.intoDirectory(settings)) {
      other.download(url, null, taskId, false);
    } catch (DownloadException e) {
      return e;
    }
    throw new AssertionError("expected the download to fail");
  }

  /** A loopback server answering every request with the given handler behaviour. */
  private String stub(int status, String contentType, String location, byte[] body, boolean chunked)
      throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          stubHits.incrementAndGet();
          if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
          }
          if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
          }
          exchange.sendResponseHeaders(status, body == null ? -1 : chunked ? 0 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    stub.start();
    return "http://127.0.0.1:" + stub.getAddress().getPort() + "/video.mp4";
  }

  @Test
  void storesTheVideoWithItsChecksumAndSendsNoCredentials() throws Exception {
    StoredVideo stored = downloader.download(videoUrl(), null, taskId, false);

    assertThat(Path.of(stored.path())).isEqualTo(directory.resolve(taskId + ".mp4"));
    assertThat(Files.readAllBytes(Path.of(stored.path()))).isEqualTo(simulator.sampleVideo());
    assertThat(stored.sha256()).isEqualTo(sha256(simulator.sampleVideo()));
    assertThat(stored.sizeBytes()).isEqualTo(simulator.sampleVideo().length);
    assertThat(stored.contentType()).isEqualTo("video/mp4");
    assertThat(stored.sourceUrl()).isEqualTo(videoUrl());
    assertThat(files()).containsExactly(Path.of(stored.path()));
    assertThat(simulator.downloadsWithCredentials()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 404, 410})
  void goneFilesAreExpired(int status) throws IOException {
    simulator.inject(Endpoint.DOWNLOAD, 1, Fault.status(status));

    assertThat(failure(downloader.settings(), videoUrl()).kind())
        .isEqualTo(DownloadException.Kind.EXPIRED);
    assertThat(files()).isEmpty();
  }

  @Test
  void serverErrorsAreTransient() {
    simulator.inject(Endpoint.DOWNLOAD, 1, Fault.status(503));

    assertThat(failure(downloader.settings(), videoUrl()).kind())
        .isEqualTo(DownloadException.Kind.TRANSIENT);
  }

  @Test
  void truncatedBodyLeavesNoFileBehind() throws IOException {
    simulator.inject(Endpoint.DOWNLOAD, 5, Fault.dropAfterRead());

    assertThat(failure(downloader.settings(), simulator.fileUrl("bytes-3000000.mp4")).kind())
        .isEqualTo(DownloadException.Kind.TRANSIENT);
    assertThat(files()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:%d/files/x.mp4",
        "http://localhost:%d/files/x.mp4",
        "http://[::1]:%d/files/x.mp4",
        "http://10.1.2.3:%d/v.mp4",
        "http://192.168.1.20:%d/v.mp4",
        "http://172.16.5.5:%d/v.mp4",
        "http://169.254.169.254:%d/latest/meta-data",
        "http://0.0.0.0:%d/v.mp4",
        "http://224.0.0.1:%d/v.mp4",
        "http://[fd00::1]:%d/v.mp4",
        "http://100.64.0.1:%d/v.mp4"
      })
  void internalAddressesAreRefusedWithoutAConnection(String pattern) throws IOException {
    DownloadSettings strict = DownloadSettings.of(directory);

    DownloadException e = failure(strict, String.format(pattern, simulator.port()));

    assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
    assertThat(e.getMessage()).contains("Refused to download").contains("address");
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isZero();
    assertThat(files()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://example.org/v.mp4",
        "gopher://example.org/",
        "not a url",
        "http://user:pw@example.org/v.mp4"
      })
  void onlyPlainHttpUrlsAreFetched(String url) {
    assertThat(failure(downloader.settings(), url).kind())
        .isEqualTo(DownloadException.Kind.REFUSED);
  }

  @Test
  void redirectsAreFollowedWithinTheSameRules() throws Exception {
    String start = stub(302, null, videoUrl(), null, false);

    StoredVideo stored = downloader.download(start, null, taskId, false);

    assertThat(stored.sha256()).isEqualTo(sha256(simulator.sampleVideo()));
    assertThat(stored.sourceUrl()).isEqualTo(videoUrl());
  }

  @Test
  void aRedirectToAPrivateAddressIsRefused() throws IOException {
    String start = stub(302, null, "http://10.0.0.7/internal.mp4", null, false);

    DownloadException e = failure(downloader.settings(), start);

    assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
    assertThat(e.getMessage()).contains("10.0.0.7");
  }

  @Test
  void redirectLoopsStopAtTheLimit() throws IOException {
    String start = stub(302, null, "/again", null, false);

    assertThat(failure(downloader.settings(), start).getMessage())
        .contains("more than 3 redirects");
    assertThat(stubHits.get()).isEqualTo(4);
  }

  @Test
  void aPageIsNotAVideo() throws IOException {
    String url =
        stub(200, "text/html; charset=utf-8", null, "<html>login</html>".getBytes(), false);

    DownloadException e = failure(downloader.settings(), url);

    assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
    assertThat(e.getMessage()).contains("text/html");
    assertThat(files()).isEmpty();
  }

  @Test
  void anEmptyAnswerIsNotAVideo() throws IOException {
    simulator.inject(Endpoint.DOWNLOAD, 1, Fault.completedWithoutUrl());

    DownloadException e = failure(downloader.settings(), videoUrl());

    assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED);
    assertThat(e.getMessage()).contains("no bytes");
    assertThat(files()).isEmpty();
  }

  @Test
  void sizeCeilingIsEnforcedFromTheHeaderAndWhileStreaming() throws IOException {
    DownloadSettings small = downloader.settings().withMaxBytes(1000);

    assertThat(failure(small, simulator.fileUrl("bytes-100000.mp4")).getMessage())
        .contains("above the ceiling");
    String chunked = stub(200, "video/mp4", null, new byte[50_000], true);
    DownloadException streamed = failure(small, chunked);
    assertThat(streamed.kind()).isEqualTo(DownloadException.Kind.REFUSED);
    assertThat(streamed.getMessage()).contains("more than the ceiling");
    assertThat(files()).isEmpty();
  }

  @Test
  void anExistingFileIsKeptUnlessOverwriteIsAllowed() throws Exception {
    Path target = directory.resolve(taskId + ".mp4");
    StoredVideo first = downloader.download(videoUrl(), null, taskId, false);

    StoredVideo again = downloader.download(videoUrl(), null, taskId, false);
    assertThat(again.reused()).isTrue();
    assertThat(again.sha256()).isEqualTo(first.sha256());

    Files.write(target, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> downloader.download(videoUrl(), null, taskId, false))
        .isInstanceOfSatisfying(
            DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.EXISTS));
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);

    downloader.download(videoUrl(), null, taskId, true);
    assertThat(Files.readAllBytes(target)).isEqualTo(simulator.sampleVideo());
    assertThat(files()).containsExactly(target);
  }

  @Test
  void aTransferThatStallsIsAbandonedAndLeavesNoFile() throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          exchange.sendResponseHeaders(200, 1_000_000);
          exchange.getResponseBody().write(new byte[1000]);
          exchange.getResponseBody().flush();
          try {
            Thread.sleep(20_000); // then nothing more for a long time
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    stub.start();
    String url = "http://127.0.0.1:" + stub.getAddress().getPort() + "/slow.mp4";

    DownloadException e =
        failure(downloader.settings().withRequestTimeout(java.time.Duration.ofMillis(500)), url);

    assertThat(e.kind()).isEqualTo(DownloadException.Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("stalled");
    assertThat(files()).isEmpty();
  }

  @Test
  void aMissingDirectoryIsAStorageProblem() {
    DownloadSettings missing =
        DownloadSettings.of(directory.resolve("gone")).withAllowLoopback(true);

    assertThat(failure(missing, videoUrl()).kind()).isEqualTo(DownloadException.Kind.STORAGE);
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isZero();
  }

  /** Host name lookups, counted per host, answered by a script. */
  private static final class ScriptedLookup implements AddressGuard.HostLookup {
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final Map<String, List<String>> answers;

    /**
     * @param answers per host: the address of the first lookup, then of the second and any later
     *     one
     */
    ScriptedLookup(Map<String, List<String>> answers) {
      this.answers = answers;
    }

    @Override
    public InetAddress[] addressesOf(String host) throws UnknownHostException {
      int nth = lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      List<String> script = answers.get(host);
      if (script == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {
        InetAddress.getByName(script.get(Math.min(nth, script.size()) - 1))
      };
    }

    int lookupsOf(String host) {
      AtomicInteger count = lookups.get(host);
      return count == null ? 0 : count.get();
    }
  }

  @Test
  void theConnectionGoesOnlyToTheAddressTheGuardJudged() throws Exception {
    String real = stub(200, "video/mp4", null, simulator.sampleVideo(), false);
    int port = stub.getAddress().getPort();
    // A second server on the same port of another loopback address stands for the internal service
    // a changed DNS answer would point to.
    HttpServer internal;
    try {
      internal =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port), 0);
    } catch (BindException e) {
      Assumptions.abort("this machine cannot listen on 127.0.0.2: " + e);
      return;
    }
    AtomicInteger internalHits = new AtomicInteger();
    internal.createContext(
        "/",
        exchange -> {
          internalHits.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          exchange.sendResponseHeaders(200, 4);
          exchange.getResponseBody().write(new byte[] {6, 6, 6, 6});
          exchange.close();
        });
    internal.start();
    // The first answer is the judged one; every later lookup would rebind to the internal server.
    ScriptedLookup lookup =
        new ScriptedLookup(Map.of("video.test", List.of("127.0.0.1", "127.0.0.2")));
    try (VideoDownloader guarded =
        new VideoDownloader(downloader.settings(), downloader.store(), lookup, null)) {
      StoredVideo stored =
          guarded.download(real.replace("127.0.0.1", "video.test"), null, taskId, false);

      System.out.printf(
          "Rebinding check: lookups of video.test=%d, hits on the judged address=%d,"
              + " on the second answer=%d%n",
          lookup.lookupsOf("video.test"), stubHits.get(), internalHits.get());
      assertThat(stored.sha256()).isEqualTo(sha256(simulator.sampleVideo()));
      assertThat(lookup.lookupsOf("video.test")).isEqualTo(1);
      assertThat(stubHits.get()).isEqualTo(1);
      assertThat(internalHits.get()).isZero();
    } finally {
      internal.stop(0);
    }
  }

  @Test
  void eachHostIsLookedUpOncePerAttemptAcrossRedirects() throws Exception {
    String target = videoUrl().replace("127.0.0.1", "files.test");
    String start = stub(302, null, target, null, false).replace("127.0.0.1", "start.test");
    ScriptedLookup lookup =
        new ScriptedLookup(
            Map.of(
                "start.test",
                List.of("127.0.0.1", "10.0.0.7"),
                "files.test",
                List.of("127.0.0.1", "169.254.169.254")));
    try (VideoDownloader guarded =
        new VideoDownloader(downloader.settings(), downloader.store(), lookup, null)) {
      StoredVideo stored = guarded.download(start, null, taskId, false);

      assertThat(stored.sourceUrl()).isEqualTo(target);
      assertThat(stored.sha256()).isEqualTo(sha256(simulator.sampleVideo()));
      assertThat(lookup.lookupsOf("start.test")).isEqualTo(1);
      assertThat(lookup.lookupsOf("files.test")).isEqualTo(1);
    }
  }

  @Test
  void aHostAnsweringAnInternalAddressIsRefusedWithoutAConnection() throws IOException {
    ScriptedLookup lookup = new ScriptedLookup(Map.of("video.test", List.of("169.254.169.254")));
    try (VideoDownloader guarded =
        new VideoDownloader(
            downloader.settings().withAllowPrivateNetworks(true),
            downloader.store(),
            lookup,
            null)) {
      String url = videoUrl().replace("127.0.0.1", "video.test");

      assertThatThrownBy(() -> guarded.download(url, null, taskId, false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED))
          .hasMessageContaining("video.test")
          .hasMessageContaining("169.254.169.254")
          .hasMessageContaining("cloud metadata");
    }
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isZero();
    assertThat(files()).isEmpty();
  }
}
